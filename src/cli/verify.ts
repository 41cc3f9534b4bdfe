import { statSync } from 'node:fs';
import { reportToJson } from '../audit/logVerifier.js';
import { verifyExportFile } from '../audit/verifyExport.js';
import { verifyLog } from '../audit/verifyLog.js';
import { loadPublicKeys } from './auditKeys.js';
import { defineCommand, UsageError } from './command.js';
import { openStoredFormEventStore } from './openEventStore.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const verifyCommand = defineCommand({
  usage: 'verify [--client ID] [--from POSITION] [--file FILE] [--public-key PEM...]',
  description:
    'Walks the hash chains and the signed checkpoints (Merkle roots over every stream head, event counts, ' +
    'Ed25519 signatures) and reports the first broken link with its position. Without --file it reads the ' +
    'configured store; with --file it verifies an export offline, without the service. Exit code 0 when ' +
    'everything verifies, 1 on any break, 2 for wrong arguments.',
  options: {
    client: {
      type: 'string',
      valueName: 'ID',
      description: "verify one client's chain (and the checkpoints' signatures)",
    },
    from: { type: 'string', valueName: 'POSITION', description: 'check events from this position on' },
    file: {
      type: 'string',
      valueName: 'FILE',
      description: 'an NDJSON export (from `export` or GET /v1/audit/export)',
    },
    'public-key': {
      type: 'string',
      valueName: 'PEM',
      description: "a PEM file of a checkpoint signing key (default: the configured key's .pub file)",
    },
  },
  async run({ values, io, config, progress }) {
    const client = values.client as string | undefined;
    const from = values.from as string | undefined;
    const file = values.file as string | undefined;
    const publicKeyFile = values['public-key'] as string | undefined;
    if (client !== undefined && !UUID.test(client)) throw new UsageError('--client must be a client id (UUID)');
    if (from !== undefined && !/^\d{1,19}$/.test(from)) throw new UsageError('--from must be a log position');
    const settings = config();
    const publicKeys = loadPublicKeys(settings, publicKeyFile ? [publicKeyFile] : []);
    let report: Record<string, unknown> & { ok?: unknown };
    if (file !== undefined) {
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const bar = progress('verify bytes', size);
      try {
        report = reportToJson(await verifyExportFile(file, { publicKeys, onProgress: (p) => bar.update(p.bytesRead) }));
      } finally {
        bar.finish();
      }
    } else {
      const store = await openStoredFormEventStore(settings);
      const bar = progress('verify log position', Number(await store.headPosition()));
      try {
        report = reportToJson(
          await verifyLog(store, {
            publicKeys,
            ...(client ? { client } : {}),
            ...(from ? { from: BigInt(from) } : {}),
            onProgress: (p) => bar.update(Number(p.position)),
          }),
        );
      } finally {
        bar.finish();
        await store.close();
      }
    }
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok === true ? 0 : 1;
  },
});
