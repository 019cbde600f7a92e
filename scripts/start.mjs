// `npm start`: install what is missing, prepare the database, then start TicketByte.
import { installDependencies, loadDotEnv, pnpm, prepareDatabase } from './bootstrap.mjs';

loadDotEnv();
installDependencies();
prepareDatabase();
console.log('TicketByte: starting the database. The bot and dashboard are not part of this build yet.');
process.exit(pnpm(['--filter', '@ticketbyte/db', 'exec', 'tsx', 'src/embedded/cli.ts', 'serve']));
