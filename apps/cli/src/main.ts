// `ticketbyte`: TicketByte's internal command-line tool.
//   API commands use TICKETBYTE_API_URL (e.g. https://tickets.example.com/api/trpc) and TICKETBYTE_API_TOKEN.
//   `tokens create` is for operators with database access (MONGODB_URI).
import { parseArgs } from 'node:util';
import { createApiClient } from './client.js';

export const HELP = `ticketbyte — TicketByte's internal tool

Usage:
  ticketbyte health
  ticketbyte tickets list --guild <id> [--status open|closed] [--limit <n>] [--search <text>]
  ticketbyte analytics daily --guild <id> --from <YYYY-MM-DD> --to <YYYY-MM-DD>
  ticketbyte analytics summary --guild <id> --from <YYYY-MM-DD> --to <YYYY-MM-DD>
  ticketbyte tokens create --name <name> --scopes <a,b> [--guild <id>]   (needs MONGODB_URI)
  ticketbyte keys rotate [--batch-size <n>]   (needs MONGODB_URI, ENCRYPTION_KEYS, ENCRYPTION_KEY_ID)

Options:
  --json        print raw JSON
  -h, --help    show this help

Environment:
  TICKETBYTE_API_URL     the API endpoint, e.g. https://tickets.example.com/api/trpc
  TICKETBYTE_API_TOKEN   an API token (tb_…) with the scopes the command needs
  MONGODB_URI            database, for tokens create and keys rotate
  ENCRYPTION_KEYS        every key still in use (id:base64, comma-separated), for keys rotate
  ENCRYPTION_KEY_ID      the key to re-seal everything with, for keys rotate
`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

function apiFromEnv(io: Io) {
  const url = io.env.TICKETBYTE_API_URL;
  const token = io.env.TICKETBYTE_API_TOKEN;
  if (!url || !token) throw new UsageError('Set TICKETBYTE_API_URL and TICKETBYTE_API_TOKEN.');
  return createApiClient({ url, token, fetch: io.fetch });
}

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required.`);
  return value;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      guild: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      search: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      'batch-size': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals.join(' ');
  const print = (data: unknown, lines: () => string[]) => {
    for (const line of values.json ? [JSON.stringify(data, null, 2)] : lines()) io.out(line);
  };
  try {
    if (values.help || command === '') {
      io.out(HELP);
      return 0;
    }
    switch (command) {
      case 'health': {
        const health = await apiFromEnv(io).health.query();
        print(health, () => [
          `status: ${health.status} (database ${health.database ? 'reachable' : 'unreachable'}), version ${health.version}`,
        ]);
        return health.status === 'ok' ? 0 : 1;
      }
      case 'tickets list': {
        const status = values.status === 'open' || values.status === 'closed' ? values.status : undefined;
        const page = await apiFromEnv(io).ticket.list.query({
          guildId: required(values, 'guild'),
          status,
          search: values.search,
          limit: values.limit ? Number(values.limit) : 25,
        });
        print(page, () =>
          page.items.length === 0
            ? ['No tickets.']
            : page.items.map(
                (t) =>
                  `#${t.number}\t${t.status}\t${t.priority}\topener ${t.openerId}\t${t.openedAt.toISOString().slice(0, 16)}\t${t.topic}`,
              ),
        );
        return 0;
      }
      case 'analytics daily': {
        const days = await apiFromEnv(io).analytics.daily.query({
          guildId: required(values, 'guild'),
          from: required(values, 'from'),
          to: required(values, 'to'),
        });
        print(days, () => ['day\topened\tclosed', ...days.map((d) => `${d.day}\t${d.opened}\t${d.closed}`)]);
        return 0;
      }
      case 'analytics summary': {
        const summary = await apiFromEnv(io).analytics.summary.query({
          guildId: required(values, 'guild'),
          from: required(values, 'from'),
          to: required(values, 'to'),
        });
        print(summary, () => [
          `opened ${summary.opened}, closed ${summary.closed}, open now ${summary.openNow}`,
          `median first response: ${summary.medianFirstResponseSeconds ?? '—'} s, median resolution: ${summary.medianResolutionSeconds ?? '—'} s`,
        ]);
        return 0;
      }
      case 'tokens create': {
        const { createOperatorToken } = await import('./operator-tokens.js');
        const created = await createOperatorToken({
          name: required(values, 'name'),
          scopes: required(values, 'scopes')
            .split(',')
            .map((s) => s.trim()),
          guildIds: values.guild ? [values.guild] : [],
          env: io.env,
        });
        print(created, () => [`Created token ${created.id}. Shown once; store it now:`, created.token]);
        return 0;
      }
      case 'keys rotate': {
        const { rotateKeys } = await import('./operator-keys.js');
        const batch = values['batch-size'] ? Number(values['batch-size']) : undefined;
        if (batch !== undefined && !(Number.isInteger(batch) && batch > 0))
          throw new UsageError('--batch-size must be a positive whole number.');
        await rotateKeys({ env: io.env, batchSize: batch, out: io.out });
        return 0;
      }
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${HELP}`);
      return 2;
    }
    io.err(`Error: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await run(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    env: process.env,
  });
  process.exit(code);
}
