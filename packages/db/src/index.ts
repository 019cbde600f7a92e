// @ticketbyte/db: models, connection and write locks. Configuration, field encryption, the embedded
// database and test support are separate entry points (./env, ./crypto, ./embedded, ./testing).
export * from './connection.js';
export * from './errors.js';
export * from './models/index.js';
export { dataDirectory, initDatabase, loadKeyring } from './runtime.js';
export {
  documentLockKey,
  updateManyUnderLocks,
  WriteLockTimeoutError,
  withWriteLock,
} from './write-lock.js';
export { default as mongoose } from 'mongoose';
