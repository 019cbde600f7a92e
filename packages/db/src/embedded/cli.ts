// `tsx src/embedded/cli.ts ensure-binary` — builds FerretDB once (used by `npm start` / `npm test`).
// `tsx src/embedded/cli.ts serve [--port N]` — runs the embedded database in the foreground.
import { parseEnv } from '../env.js';
import { loadKeyring } from '../runtime.js';
import { startDatabaseServer } from './database-server.js';
import { EmbeddedDatabaseUnavailableError, ensureFerretdb } from './ferretdb.js';

const [command, ...rest] = process.argv.slice(2);

try {
  if (command === 'ensure-binary') {
    const binary = ensureFerretdb((line) => console.log(line));
    console.log(`Embedded database: FerretDB at ${binary}`);
  } else if (command === 'serve') {
    const env = parseEnv();
    const portFlag = rest.indexOf('--port');
    const port = portFlag >= 0 ? Number(rest[portFlag + 1]) : undefined;
    // Creates the development encryption key now, before the processes that share it start.
    loadKeyring(env, (line) => console.log(line));
    const server = await startDatabaseServer({
      mongodbUri: env.MONGODB_URI,
      dataDir: env.TICKETBYTE_DATA_DIR,
      port,
    });
    console.log(`Database: ${server.embedded ? `embedded FerretDB at ${server.uri}` : 'MONGODB_URI'}`);
    const stop = async () => {
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } else {
    console.error('usage: cli.ts ensure-binary | serve [--port N]');
    process.exit(2);
  }
} catch (error) {
  if (error instanceof EmbeddedDatabaseUnavailableError || (error as Error).name === 'EnvError') {
    console.error((error as Error).message);
    process.exit(1);
  }
  throw error;
}
