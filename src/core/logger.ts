// JSON logs (pino). Anything that could carry a secret is redacted by path, so a careless log call cannot leak it.
import pino, { type Logger } from 'pino';

export type { Logger };

export const redactPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'databaseUrl',
  '*.databaseUrl',
  'adminPassword',
  '*.adminPassword',
  'hmacKeys',
  '*.hmacKeys',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}
