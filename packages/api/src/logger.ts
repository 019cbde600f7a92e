// Structured one-line JSON logs. Callers pass ids and outcomes only: never message content, tokens
// or cookie values (the privacy tests grep captured logs for them).
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

function write(level: string, event: string, fields: Record<string, unknown> = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const defaultLogger: Logger = {
  info: (event, fields) => write('info', event, fields),
  warn: (event, fields) => write('warn', event, fields),
  error: (event, fields) => write('error', event, fields),
};

/** A logger that keeps lines in memory, for tests that inspect what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      lines.push(JSON.stringify({ level, event, ...fields }));
    };
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
