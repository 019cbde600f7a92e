export {
  EmbeddedDatabaseUnavailableError,
  type EmbeddedDatabase,
  ensureFerretdb,
  FERRETDB_VERSION,
  findFerretdb,
  findRepoRoot,
  freePort,
  startEmbeddedDatabase,
} from './ferretdb.js';
export { type DatabaseServer, startDatabaseServer } from './database-server.js';
