import pino, { type Logger } from 'pino';

/** Structured JSON logs (pino). Quiet in tests unless BATON_LOG_LEVEL says otherwise. */
export function createLogger(
  level = process.env.BATON_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
): Logger {
  return pino({ level, base: { service: 'baton' } });
}
