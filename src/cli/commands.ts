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
];
