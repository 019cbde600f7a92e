// Builds the dashboard and runs the production server (`node server.js`) as a child process, for tests
// that go through real HTTP: headers, cookies as browsers receive them, routes, CSRF.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function buildDashboard(): void {
  const result = spawnSync(
    process.execPath,
    [join(appDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
    {
      cwd: appDir,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/** A port that was free a moment ago (the emulator needs the callback URL before the server starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface RunningDashboard {
  /** Where the test connects (loopback IP). */
  url: string;
  /** The public origin the server believes it has. */
  origin: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function startDashboard(port: number, env: Record<string, string>): Promise<RunningDashboard> {
  const origin = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['server.js'], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: origin,
      ENCRYPTION_KEYS: `t1:${randomBytes(32).toString('base64')}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dashboard did not start:\n${output}`)), 30_000);
    const check = () => {
      if (output.includes('Dashboard: ')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`dashboard exited:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    origin,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
