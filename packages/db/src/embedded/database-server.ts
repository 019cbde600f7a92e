// Picks the database a process talks to: MONGODB_URI when set, otherwise the embedded FerretDB
// with its data in `<data dir>/db` (default `.data/` at the repository root, gitignored).
import { join } from 'node:path';
import { dataDirectory } from '../runtime.js';
import { startEmbeddedDatabase } from './ferretdb.js';

export interface DatabaseServer {
  uri: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function startDatabaseServer(config: {
  mongodbUri?: string;
  dataDir?: string;
  port?: number;
}): Promise<DatabaseServer> {
  if (config.mongodbUri) return { uri: config.mongodbUri, embedded: false, stop: async () => {} };
  const dataDir = dataDirectory({ TICKETBYTE_DATA_DIR: config.dataDir });
  const server = await startEmbeddedDatabase({
    dataDir: join(dataDir, 'db'),
    port: config.port,
    log: (line) => console.error(`[ferretdb] ${line}`),
  });
  return { uri: `${server.uri}ticketbyte`, embedded: true, stop: server.stop };
}
