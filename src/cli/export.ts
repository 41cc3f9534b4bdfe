import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exportLog } from '../audit/exportLog.js';
import { defineCommand, UsageError } from './command.js';
import { openStoredFormEventStore } from './openEventStore.js';

export const exportCommand = defineCommand({
  usage: 'export --out FILE [--after POSITION] [--client ID]',
  description:
    'Writes the history as NDJSON: a header line, every event with its hashes (and the signed checkpoint ' +
    'records), and a trailer with the count and a SHA-256 digest, so truncation is detected. `verify --file` ' +
    'checks it offline.',
  options: {
    out: { type: 'string', valueName: 'FILE', description: 'the file to write' },
    after: { type: 'string', valueName: 'POSITION', description: 'only events after this position' },
    client: { type: 'string', valueName: 'ID', description: "only this client's stream (plus the checkpoints)" },
  },
  async run({ values, io, config }) {
    const out = values.out as string | undefined;
    const after = values.after as string | undefined;
    const client = values.client as string | undefined;
    if (out === undefined) throw new UsageError('export needs --out FILE');
    if (after !== undefined && !/^\d{1,19}$/.test(after)) throw new UsageError('--after must be a log position');
    const store = await openStoredFormEventStore(config());
    const file = createWriteStream(out, { flags: 'wx' });
    try {
      const summary = await exportLog(store, file, {
        ...(after ? { after: BigInt(after) } : {}),
        ...(client ? { client } : {}),
      });
      file.end();
      await once(file, 'finish');
      io.stdout.write(
        `Exported ${summary.eventCount} events to ${out} (last position ${summary.lastPosition ?? 'none'}, sha256 ${summary.sha256})\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
});
