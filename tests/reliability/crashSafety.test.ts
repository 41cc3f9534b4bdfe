import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { reportFigures, sized } from './support/figures.js';
import { type LedgerServer, startLedgerServer, waitUntilReady } from './support/ledgerServer.js';
import { logViolations, type PostedBatch, readLog, rebuildAndCompare, verifyDataDir } from './support/logInspection.js';
import { isSuccess, newClientId, nextBatch, postEvents, type WireEvent } from './support/posting.js';

const KILLS = sized(3, 20);
const POSTERS = sized(6, 12);
const CLIENTS_PER_POSTER = sized(4, 10);
const env = {
  LEDGER_READY_MAX_LAG_EVENTS: '0',
  LEDGER_AUDIT_CHECKPOINT_EVERY_EVENTS: '40',
  LEDGER_AUDIT_CHECKPOINT_EVERY_MS: '500',
};

interface ClientProgress {
  id: string;
  revision: bigint | 'noStream';
  /** A batch whose outcome is unknown (the server died): resent as is, which is idempotent. */
  pending?: { events: WireEvent[]; batch: PostedBatch & { acknowledged: boolean } };
}

describe('crash safety', () => {
  it(
    `survives ${KILLS} SIGKILLs under load: nothing acknowledged lost or doubled, no partial batch`,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
      let server: LedgerServer = await startLedgerServer({ dataDir, env });
      let generation = 0;
      onTestFinished(async () => {
        await server.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      });
      const batches: PostedBatch[] = [];
      let acknowledgedEvents = 0;
      let refusals = 0;
      let serverErrors = 0;
      let stopping = false;

      const poster = async (): Promise<void> => {
        const clients: ClientProgress[] = Array.from({ length: CLIENTS_PER_POSTER }, () => ({
          id: newClientId(),
          revision: 'noStream',
        }));
        for (let turn = 0; !stopping || clients.some((c) => c.pending); turn++) {
          const client = clients.find((c) => c.pending) ?? clients[turn % clients.length]!;
          if (!client.pending) {
            const events = nextBatch(client.revision, 1 + (turn % 3));
            const batch = { ids: events.map((e) => e.id), acknowledged: false };
            batches.push(batch);
            client.pending = { events, batch };
          }
          const { events, batch } = client.pending;
          const seenGeneration = generation;
          const outcome = await postEvents(server.url, { clientId: client.id, events, expected: client.revision });
          if (isSuccess(outcome)) {
            batch.acknowledged = true;
            acknowledgedEvents += events.length;
            client.revision = outcome.lastRevision;
            delete client.pending;
          } else if (outcome.kind === 'answered') {
            if (outcome.status >= 500) serverErrors++;
            else refusals++;
            await sleep(20);
          } else {
            while (generation === seenGeneration) await sleep(20);
          }
        }
      };

      const posters = Array.from({ length: POSTERS }, poster);
      let killed = 0;
      for (; killed < KILLS; killed++) {
        await sleep(300 + Math.random() * 900);
        expect(await server.kill('SIGKILL')).toBe('SIGKILL');
        expect(logViolations(await readLog(dataDir), batches)).toEqual([]);
        server = await startLedgerServer({ dataDir, env });
        generation++;
      }
      await sleep(500);
      stopping = true;
      await Promise.all(posters);
      await waitUntilReady(server.url);
      expect(await server.kill('SIGTERM')).toBe(0);

      const log = await readLog(dataDir);
      expect(logViolations(log, batches)).toEqual([]);
      expect(batches.every((b) => b.acknowledged)).toBe(true);
      expect(log.filter((e) => e.stream.startsWith('client-')).length).toBe(acknowledgedEvents);
      const audit = await verifyDataDir(dataDir);
      expect(audit.firstBreak).toBeUndefined();
      expect(audit.ok).toBe(true);
      const rebuild = await rebuildAndCompare(dataDir);
      expect(rebuild.output).not.toMatch(/rows differ/);
      expect(rebuild.code, rebuild.output).toBe(0);
      expect(refusals).toBe(0);
      expect(serverErrors).toBe(0);
      reportFigures('crash', {
        killsSurvived: killed,
        eventsAcknowledged: acknowledgedEvents,
        batchesAcknowledged: batches.length,
        eventsInLog: log.length,
        eventsVerified: audit.eventsChecked,
        checkpointsVerified: audit.checkpointsChecked,
        projectionsEqualRebuild: rebuild.code === 0,
        refused: refusals,
        serverErrors,
      });
    },
    sized(90_000, 600_000),
  );
});
