/**
 * Paths to add to `redactedPaths` (src/api/logging.ts): credentials and personal data outside `req.headers` and
 * deeper than one level, which the existing list misses (pino wildcards match exactly one level).
 */
export const extraRedactedPaths = [
  'authorization',
  'apiKey',
  'token',
  'personalIdentityCode',
  'henkilotunnus',
  'person',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers.cookie',
  '*.authorization',
  '*.apiKey',
  '*.token',
  '*.*.personalIdentityCode',
  '*.*.henkilotunnus',
  '*.*.person',
  'events[*].data.person',
  '*.events[*].data.person',
];
