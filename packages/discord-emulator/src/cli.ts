// Command-line entry: runs the emulator until SIGINT/SIGTERM and prints the REST, CONTROL and SANDBOX lines;
// `openapi-report <dir>` sums the traffic reports emulators wrote into a directory.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatMergedReport, mergeTrafficReports } from './openapi/report-file';
import type { ValidationMode } from './openapi/traffic';
import { type Seed, demoSeed, parseSeed } from './seed';
import { startEmulator } from './server';

const USAGE = `Usage: ticketbyte-discord-emulator [--port <n>] [--seed demo|<seed.json>] [--rate-limits off|realistic]
                                  [--redirect-uri <uri>]... [--validate-requests off|record|enforce] [--verbose]
       ticketbyte-discord-emulator openapi-report <dir> [--json]`;

const VALIDATION_MODES = new Set<string>(['off', 'record', 'enforce']);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.TICKETBYTE_EMULATOR_PORT ?? '0' },
      seed: { type: 'string', default: 'demo' },
      'rate-limits': { type: 'string', default: 'off' },
      'redirect-uri': { type: 'string', multiple: true, default: [] },
      'validate-requests': { type: 'string', default: 'off' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals[0] === 'openapi-report') {
    const dir = positionals[1];
    if (!dir) throw new Error(`openapi-report needs the report directory\n${USAGE}`);
    const merged = mergeTrafficReports(dir);
    console.log(values.json ? JSON.stringify(merged, null, 2) : formatMergedReport(merged));
    return;
  }
  if (positionals.length > 0) throw new Error(`Unknown command ${positionals[0]}\n${USAGE}`);
  const validateRequests = values['validate-requests'];
  if (!VALIDATION_MODES.has(validateRequests))
    throw new Error(`--validate-requests must be off, record or enforce\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535\n${USAGE}`);
  const rateLimits = values['rate-limits'];
  if (rateLimits !== 'off' && rateLimits !== 'realistic')
    throw new Error(`--rate-limits must be off or realistic\n${USAGE}`);
  let seed: Seed = values.seed === 'demo' ? demoSeed : JSON.parse(readFileSync(values.seed, 'utf8'));
  const extraUris = values['redirect-uri'];
  if (extraUris.length > 0) {
    const parsed = parseSeed(seed);
    if (!parsed.oauth) throw new Error('--redirect-uri needs a seed with an oauth client');
    seed = {
      ...seed,
      oauth: { ...parsed.oauth, redirectUris: [...parsed.oauth.redirectUris, ...extraUris] },
    };
  }
  const emulator = await startEmulator({
    port,
    seed,
    rateLimits,
    validateRequests: validateRequests as ValidationMode,
    log: values.verbose ? (line) => console.error(`[emulator] ${line}`) : undefined,
  });
  console.log(`REST ${emulator.restUrl}`);
  console.log(`CONTROL ${emulator.controlUrl}`);
  console.log(`SANDBOX ${emulator.sandboxUrl}`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
