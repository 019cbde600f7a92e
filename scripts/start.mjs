// `npm start`: install what is missing, prepare the database, then run TicketByte.
// Without DISCORD_TOKEN it runs in demo mode: the local Discord emulator with a seeded demo server,
// the bot connected to it, and the dashboard logging in through the emulator's OAuth page.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  exposePnpmOnPath,
  installDependencies,
  loadDotEnv,
  prepareDatabase,
  repoRoot,
} from './bootstrap.mjs';

loadDotEnv();
installDependencies();
exposePnpmOnPath();
prepareDatabase();

const demo = !process.env.DISCORD_TOKEN;
if (demo && !process.env.MONGODB_URI) {
  // The emulator keeps its Discord in memory, so the demo's database starts fresh with it.
  process.env.TICKETBYTE_DATA_DIR = join(repoRoot, '.data', 'demo');
  rmSync(process.env.TICKETBYTE_DATA_DIR, { recursive: true, force: true });
}
const port = process.env.PORT || '3000';
const children = [];
let stopping = false;

/** Starts a long-running child with prefixed output; resolves with the first line matching `ready`. */
function launch(name, args, env, ready) {
  const child = spawn('corepack', ['pnpm', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it stops what pnpm started under it too.
    detached: true,
  });
  children.push({ name, child });
  return new Promise((resolve, reject) => {
    let found = false;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        console.log(`[${name}] ${line}`);
        const match = found ? null : ready.exec(line);
        if (match) {
          found = true;
          resolve(match);
        }
      });
    }
    child.once('exit', (code, signal) => {
      if (!found) reject(new Error(`${name} exited before it was ready (${signal ?? code})`));
      else if (!stopping) {
        console.error(`${name} stopped unexpectedly (${signal ?? code}); stopping TicketByte.`);
        void shutdown(1);
      }
    });
  });
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const { child } of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    const signalGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    signalGroup('SIGTERM');
    // Wait for the whole group (pnpm and what it started), not just the wrapper; then force it.
    const deadline = Date.now() + 10_000;
    while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive(child.pid)) signalGroup('SIGKILL');
  }
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

try {
  let mongodbUri = process.env.MONGODB_URI;
  if (!mongodbUri) {
    const [line] = await launch(
      'database',
      ['--filter', '@ticketbyte/db', 'exec', 'tsx', 'src/embedded/cli.ts', 'serve'],
      {},
      /mongodb:\/\/\S+/,
    );
    mongodbUri = line;
  }
  const publicUrl = process.env.PUBLIC_URL || `http://localhost:${port}`;
  let discord = {};
  let sandbox;
  if (demo) {
    console.log('No DISCORD_TOKEN: starting demo mode against the local Discord emulator.');
    const [, control] = await launch(
      'emulator',
      [
        '--filter',
        '@ticketbyte/discord-emulator',
        'exec',
        'ticketbyte-discord-emulator',
        '--port',
        '0',
        '--seed',
        'demo',
        '--redirect-uri',
        `${publicUrl}/login/callback`,
      ],
      {},
      /^CONTROL (http:\/\/\S+)$/,
    );
    const seed = await (await fetch(`${control}/seed`)).json();
    const base = control.replace(/\/control$/, '');
    sandbox = `${base}/sandbox`;
    discord = {
      DISCORD_TOKEN: seed.bot.token,
      DISCORD_APPLICATION_ID: seed.bot.applicationId,
      DISCORD_CLIENT_SECRET: seed.oauth.clientSecret,
      DISCORD_API_URL: `${base}/api`,
      DISCORD_OAUTH_AUTHORIZE_URL: seed.oauthUrls?.authorize ?? `${base}/oauth2/authorize`,
      DISCORD_OAUTH_TOKEN_URL: seed.oauthUrls?.token ?? `${base}/api/oauth2/token`,
      DISCORD_OAUTH_REVOKE_URL: seed.oauthUrls?.revoke ?? `${base}/api/oauth2/token/revoke`,
      TICKETBYTE_DEMO: 'true',
    };
  }
  const shared = { MONGODB_URI: mongodbUri, PUBLIC_URL: publicUrl, ...discord };

  console.log('Building the dashboard (cached after the first run)…');
  const built = await new Promise((resolve) => {
    spawn(
      'corepack',
      [
        'pnpm',
        'exec',
        'turbo',
        'run',
        'build',
        '--filter=@ticketbyte/dashboard',
        '--output-logs=errors-only',
      ],
      {
        cwd: repoRoot,
        stdio: 'inherit',
      },
    ).once('exit', (code) => resolve(code === 0));
  });
  if (!built) throw new Error('building the dashboard failed (see above)');

  await launch('bot', ['--filter', '@ticketbyte/bot', 'start'], shared, /^Bot: ready/);
  const [, dashboardUrl] = await launch(
    'dashboard',
    ['--filter', '@ticketbyte/dashboard', 'start'],
    { ...shared, PORT: port },
    /Dashboard: (https?:\/\/\S+)/,
  );
  console.log(`Dashboard: ${dashboardUrl}`);
  if (sandbox) console.log(`Sandbox: ${sandbox}`);
  console.log('TicketByte is running. Press Ctrl+C to stop.');
} catch (error) {
  console.error(`TicketByte could not start: ${error.message}`);
  await shutdown(1);
}
