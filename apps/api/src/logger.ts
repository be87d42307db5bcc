// The API's structured logger (pino); modules take a child logger.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'api' } });
}
