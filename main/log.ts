import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Errors are logged with their stack and cause chain: the log is for whoever debugs. */
function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      stack: value.stack,
      ...(value.cause !== undefined ? { cause: serialise(value.cause) } : {}),
    };
  }
  return value;
}

/**
 * JSON lines in one file, written synchronously so that the line describing
 * a crash is on disk before the process dies.
 */
export function createFileLogger(file: string, options: { echo?: (line: string) => void } = {}): Logger {
  mkdirSync(dirname(file), { recursive: true });
  const write = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, message };
    if (data) for (const [key, value] of Object.entries(data)) entry[key] = serialise(value);
    const line = JSON.stringify(entry);
    try {
      appendFileSync(file, line + '\n');
    } catch {
      // A full disk must not take the app down with it; the echo still shows it.
    }
    options.echo?.(line);
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
