// One mongoose connection per process, to MongoDB in production or the embedded FerretDB.
import mongoose from 'mongoose';

export type DatabaseKind = 'mongodb' | 'ferretdb';

export interface DatabaseInfo {
  kind: DatabaseKind;
  /** The MongoDB version the server reports (FerretDB reports the version it emulates). */
  version: string;
  ferretdbVersion?: string;
}

let info: DatabaseInfo | undefined;

/** Connects the process-wide mongoose connection and learns which kind of server answers. */
export async function connectDatabase(uri: string, options: { dbName?: string } = {}): Promise<DatabaseInfo> {
  mongoose.set('strictQuery', true);
  await mongoose.connect(uri, {
    dbName: options.dbName,
    // Indexes are created explicitly by ensureIndexes(), not on every model compile.
    autoIndex: false,
    serverSelectionTimeoutMS: 10_000,
  });
  const build = (await mongoose.connection.db!.admin().command({ buildInfo: 1 })) as {
    version: string;
    ferretdbVersion?: string;
  };
  info = build.ferretdbVersion
    ? { kind: 'ferretdb', version: build.version, ferretdbVersion: build.ferretdbVersion }
    : { kind: 'mongodb', version: build.version };
  return info;
}

/** What connectDatabase found; throws when called before it. */
export function databaseInfo(): DatabaseInfo {
  if (!info) throw new Error('The database is not connected');
  return info;
}

export async function disconnectDatabase(): Promise<void> {
  info = undefined;
  await mongoose.disconnect();
}

/** True when the server answers a ping within the driver's timeout. */
export async function pingDatabase(): Promise<boolean> {
  try {
    const db = mongoose.connection.db;
    if (!db || mongoose.connection.readyState !== 1) return false;
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/** Creates every model's declared indexes (idempotent; never drops an index). */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.connection.models)) {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
}
