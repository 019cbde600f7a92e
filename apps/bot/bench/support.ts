// Benchmark support: a throwaway FerretDB and the emulator in this process, and the bot as its own
// process (node with the bot's V8 flags, `--import tsx src/index.ts`, configured by environment
// like production), so timings and RSS are the bot's alone.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestDatabase, type TestDatabase } from '@ticketbyte/db/testing';
import { DEMO, type Emulator, type EmulatorOptions, startEmulator } from '@ticketbyte/discord-emulator';
import { BOT_NODE_FLAGS } from '../src/node-flags.js';

export { DEMO };

const BOT_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  readyLine: string;
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startBotProcess(
  emu: Emulator,
  db: TestDatabase,
  env: Record<string, string> = {},
): Promise<BotProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketbyte-bench-bot-'));
  const child = spawn(process.execPath, [...BOT_NODE_FLAGS, '--import', 'tsx', 'src/index.ts'], {
    cwd: BOT_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      FERRETDB_BIN: process.env.FERRETDB_BIN ?? '',
      NODE_ENV: 'development',
      MONGODB_URI: db.uri,
      TICKETBYTE_DATA_DIR: dataDir,
      DISCORD_TOKEN: DEMO.botToken,
      DISCORD_API_URL: emu.restUrl,
      DISCORD_MESSAGE_CONTENT_INTENT: 'true',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const logFile = process.env.BENCH_BOT_LOG;
  child.stderr!.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
    if (logFile) appendFileSync(logFile, d);
  });
  if (logFile) child.stdout!.on('data', (d) => appendFileSync(logFile, d));
  const readyLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bot not ready in 300 s\n${stderr}`)), 300_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('Bot: ready'));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`bot exited (${code}) before ready\n${stderr}`)));
  });
  child.stdout!.resume();
  return {
    child,
    readyLine,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startWorld(options: EmulatorOptions = {}) {
  const [db, emu] = await Promise.all([
    startTestDatabase(),
    startEmulator({ port: 0, seed: 'demo', ...options }),
  ]);
  return {
    db,
    emu,
    async stop() {
      await emu.close();
      await db.stop();
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
