// Shared first steps of `npm start` and `npm test`: they run before any dependency is installed,
// so this file uses nothing but Node's standard library.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const quietEnv = {
  // Corepack must not stop to ask before fetching the pinned pnpm; turbo must not phone home.
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};
Object.assign(process.env, quietEnv);

/** Loads `.env` when present, without overriding variables already set in the shell. */
export function loadDotEnv() {
  const file = join(repoRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: process.env, ...options });
  if (result.error) {
    console.error(`Could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

export function pnpm(args, options) {
  return run('corepack', ['pnpm', ...args], options);
}

/**
 * Puts corepack's pnpm shims in a project folder on PATH: turbo looks for a `pnpm` binary, and
 * nothing may be installed globally.
 */
export function exposePnpmOnPath() {
  const dir = join(repoRoot, '.tools', 'corepack-bin');
  if (!existsSync(join(dir, 'pnpm'))) {
    mkdirSync(dir, { recursive: true });
    run('corepack', ['enable', '--install-directory', dir, 'pnpm']);
  }
  process.env.PATH = `${dir}:${process.env.PATH}`;
}

/**
 * Browser tests drive Debian's Chromium. When it is missing and we may install system packages
 * (root with apt-get, as on CI), install it; otherwise the browser tests say they were skipped.
 */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.warn('Chromium is not installed (/usr/bin/chromium): browser tests will be skipped.');
    return;
  }
  console.log('Installing Debian chromium for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update', '-qq'], { env }) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0
  ) {
    console.warn('Installing chromium failed: browser tests will be skipped.');
  }
}

/** Installs the workspace from the lock file; a no-op in a second or so when nothing changed. */
export function installDependencies() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`TicketByte needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
    process.exit(1);
  }
  const status = pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']);
  if (status !== 0) {
    console.error('Installing dependencies failed (see above).');
    process.exit(status);
  }
}

/**
 * Builds the embedded database server once. `npm start` skips it when MONGODB_URI points at a real
 * MongoDB; tests always need it, since every test run starts its own throwaway server.
 */
export function prepareDatabase({ evenWithMongoUri = false } = {}) {
  if (process.env.MONGODB_URI && !evenWithMongoUri) return;
  const status = pnpm(['--filter', '@ticketbyte/db', 'exec', 'tsx', 'src/embedded/cli.ts', 'ensure-binary']);
  if (status !== 0) process.exit(status);
}
