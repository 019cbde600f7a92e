// `npm test`: install what is missing, prepare the embedded database, then typecheck, lint and test everything.
import {
  ensureChromium,
  exposePnpmOnPath,
  installDependencies,
  loadDotEnv,
  pnpm,
  prepareDatabase,
} from './bootstrap.mjs';

loadDotEnv();
installDependencies();
exposePnpmOnPath();
ensureChromium();
prepareDatabase({ evenWithMongoUri: true });
const status = pnpm([
  'exec',
  'turbo',
  'run',
  'typecheck',
  'lint',
  'test',
  '--output-logs=new-only',
  '--concurrency=2',
  ...process.argv.slice(2),
]);
process.exit(status);
