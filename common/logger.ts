// One small logger for library code: levels and a namespace per module. Runs in Node and the browser.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function initialLevel(): LogLevel {
  const fromEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.JHAROKHA_LOG_LEVEL;
  return fromEnv && fromEnv in order ? (fromEnv as LogLevel) : 'info';
}

let threshold: LogLevel = initialLevel();

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export function createLogger(namespace: string): Logger {
  const write = (level: LogLevel, message: string, details: unknown[]): void => {
    if (order[level] < order[threshold]) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} [${namespace}] ${message}`;
    // stderr in Node (console.error/warn), devtools in the browser.
    if (level === 'error') console.error(line, ...details);
    else console.warn(line, ...details);
  };
  return {
    debug: (m, ...d) => write('debug', m, d),
    info: (m, ...d) => write('info', m, d),
    warn: (m, ...d) => write('warn', m, d),
    error: (m, ...d) => write('error', m, d),
  };
}
