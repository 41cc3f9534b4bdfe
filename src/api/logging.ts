import type { LoggerOptions } from 'pino';

/**
 * Paths pino replaces with "[redacted]": credentials, personal identity codes and the `person` part of
 * events must never reach a log line (domain.md §9).
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.personalIdentityCode',
  '*.henkilotunnus',
  '*.person',
  'body.personalIdentityCode',
  'data.person',
  '*.data.person',
];

export const loggerOptions = (level: string): LoggerOptions => ({
  level,
  redact: { paths: redactedPaths, censor: '[redacted]' },
  base: { service: 'jobseeker-ledger' },
  timestamp: () => `,"time":"${new Date().toISOString()}"`,
});
