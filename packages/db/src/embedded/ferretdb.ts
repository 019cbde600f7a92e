// The embedded database: a FerretDB v1 server (MongoDB wire protocol) on SQLite, for development,
// demo mode and tests. Production points MONGODB_URI at a real MongoDB instead.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** The repository root: the nearest folder above this file that holds pnpm-workspace.yaml. */
export function findRepoRoot(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${start}`);
    dir = parent;
  }
  return dir;
}

export class EmbeddedDatabaseUnavailableError extends Error {
  override name = 'EmbeddedDatabaseUnavailableError';
}

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Where the project keeps the FerretDB binary it builds: a gitignored tools folder at the root. */
export function projectFerretdbPath(): string {
  return join(findRepoRoot(), '.tools', 'bin', 'ferretdb');
}

/** Finds a FerretDB binary: $FERRETDB_BIN, the project's tools folder, then PATH. */
export function findFerretdb(): string | undefined {
  const fromEnv = process.env.FERRETDB_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const local = projectFerretdbPath();
  if (existsSync(local)) return local;
  return onPath('ferretdb');
}

/**
 * Returns a FerretDB binary, building it once with the Go toolchain when none exists.
 * `go install …@version` alone yields a binary that refuses to start (FerretDB embeds its version
 * from a generated file the module lacks), so the module is copied, that file written, and built.
 */
export function ensureFerretdb(log: (line: string) => void = (line) => console.error(line)): string {
  const found = findFerretdb();
  if (found) return found;
  const go = onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new EmbeddedDatabaseUnavailableError(
      'No database: set MONGODB_URI to a MongoDB 6+ server, or install Go 1.22+ so TicketByte can build its embedded FerretDB server (or put a ferretdb binary on PATH / in FERRETDB_BIN).',
    );
  }
  const target = projectFerretdbPath();
  log(`Building FerretDB ${FERRETDB_VERSION} with ${go} (first run only, about two minutes)…`);
  const download = spawnSync(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (download.status !== 0)
    throw new EmbeddedDatabaseUnavailableError('Downloading the FerretDB module failed.');
  const moduleDir = (JSON.parse(download.stdout) as { Dir: string }).Dir;
  const work = mkdtempSync(join(tmpdir(), 'ticketbyte-ferretdb-src-'));
  try {
    cpSync(moduleDir, work, { recursive: true, mode: 0 });
    spawnSync('chmod', ['-R', 'u+w', work]);
    writeFileSync(join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    mkdirSync(dirname(target), { recursive: true });
    log('Compiling FerretDB…');
    const build = spawnSync(go, ['build', '-v', '-o', target, './cmd/ferretdb'], {
      cwd: work,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, CGO_ENABLED: '0' },
    });
    if (build.status !== 0 || !existsSync(target)) {
      throw new EmbeddedDatabaseUnavailableError('Building FerretDB failed (see the Go output above).');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log(`FerretDB built at ${target}`);
  return target;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

export interface EmbeddedDatabase {
  /** A mongodb:// URI for the running server (no database name). */
  uri: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** Folder for the SQLite files; created when missing. */
  dataDir: string;
  /** 0 (default) picks a free loopback port. */
  port?: number;
  binary?: string;
  /** Receives FerretDB's own warnings and errors. */
  log?: (line: string) => void;
}

/** Starts FerretDB on loopback with telemetry off and resolves once it accepts connections. */
export async function startEmbeddedDatabase(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const binary = options.binary ?? ensureFerretdb();
  const port = options.port || (await freePort());
  const dataDir = options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    binary,
    [
      '--handler=sqlite',
      // WAL with synchronous=NORMAL: survives a crash of any process; only a power cut can lose the
      // last commits. Right for development, demo and tests; production uses MongoDB.
      `--sqlite-url=file:${dataDir.endsWith('/') ? dataDir : `${dataDir}/`}?_pragma=synchronous(normal)`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
      '--log-format=text',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
    for (const line of chunk.split('\n')) if (line.trim()) options.log?.(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Never outlive the process that started us, even when it crashes or is killed without cleanup.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new EmbeddedDatabaseUnavailableError(
        `FerretDB exited (${child.exitCode}) while starting: ${stderr}`,
      );
    }
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new EmbeddedDatabaseUnavailableError(`FerretDB did not listen on 127.0.0.1:${port} within 20 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    dataDir,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
