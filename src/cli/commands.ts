import type { CommandEntry } from './command.js';

/**
 * Every CLI command. A new command is one module under src/cli exporting a `defineCommand(...)` plus one entry
 * here; `load` keeps start-up cheap (`calendar` never loads the HTTP stack).
 */
export const commands: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'start the HTTP API (REST under /v1, /health, /ready, /metrics)',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'calendar',
    summary: 'print the Finnish business-day calendar of a year',
    load: async () => (await import('./calendar.js')).calendarCommand,
  },
  {
    name: 'seed',
    summary: 'generate reproducible demo client histories into the store or an NDJSON file',
    load: async () => (await import('./seed.js')).seedCommand,
  },
  {
    name: 'import',
    summary: 'load an NDJSON file of client events, checked like POST /v1/events/import',
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    name: 'projections',
    summary: 'show the read-model projections (status) or rebuild them from the log (rebuild [NAME])',
    load: async () => (await import('./projections.js')).projectionsCommand,
  },
  {
    name: 'export',
    summary: 'write the history with hashes and checkpoints as NDJSON, for offline verification',
    load: async () => (await import('./export.js')).exportCommand,
  },
  {
    name: 'verify',
    summary: 'verify hash chains and signed checkpoints in the store or an export; exit 1 on any break',
    load: async () => (await import('./verify.js')).verifyCommand,
  },
  {
    name: 'token',
    summary: 'print a development JWT (HS256) for the API; refused in production',
    load: async () => (await import('./token.js')).tokenCommand,
  },
  {
    name: 'api-key',
    summary: 'create, list or revoke the API keys of machine integrators (LEDGER_API_KEYS_FILE)',
    load: async () => (await import('./apiKey.js')).apiKeyCommand,
  },
];
