import type { LoggerOptions } from 'pino';
import { extraRedactedPaths } from './auth/redaction.js';

/**
 * Paths pino replaces with "[redacted]": credentials, personal identity codes and the `person` part of
 * events must never reach a log line (domain.md §9).
 */
export const redactedPaths = [
  ...new Set([
    'req.headers.authorization',
    'req.headers["x-api-key"]',
    'req.headers.cookie',
    '*.personalIdentityCode',
    '*.henkilotunnus',
    '*.person',
    'body.personalIdentityCode',
    'data.person',
    '*.data.person',
    ...extraRedactedPaths,
  ]),
];

export const loggerOptions = (level: string): LoggerOptions => ({
  level,
  redact: { paths: redactedPaths, censor: '[redacted]' },
  base: { service: 'jobseeker-ledger' },
  timestamp: () => `,"time":"${new Date().toISOString()}"`,
});
