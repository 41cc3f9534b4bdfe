import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_STREAM } from '../../src/audit/checkpointRecord.js';
import { verifyLog } from '../../src/audit/verifyLog.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { checkpointedLog, eventsOf, tempDirectory } from './support.js';

const directory = tempDirectory('audit-tamper-');

/** Changes the SQLite file behind the store's back, as an intruder with file access would. */
const tamper = (path: string, change: (db: Database.Database) => void) => {
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = OFF');
    change(db);
  } finally {
    db.close();
  }
};

/** A log of 4 clients × 3 rounds of 2 events, a checkpoint after each round (positions 9, 18, 27). */
const tamperedLog = async (change: (db: Database.Database, events: Awaited<ReturnType<typeof eventsOf>>) => void) => {
  const log = await checkpointedLog(directory);
  const events = await eventsOf(log.store);
  expect(await verifyLog(log.store, { publicKeys: [log.signingKey] })).toMatchObject({
    ok: true,
    checkpointsChecked: 3,
  });
  await log.checkpointer.close();
  tamper(log.path, (db) => change(db, events));
  const reopened = createSqliteEventStore({ path: log.path });
  try {
    return { events, report: await verifyLog(reopened, { publicKeys: [log.signingKey] }) };
  } finally {
    await reopened.close();
  }
};

describe('tampering with the SQLite file', () => {
  it('names the row whose data was changed', async () => {
    const { events, report } = await tamperedLog((db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ n: 0, forged: true }), 12),
    );
    const victim = events.find((e) => e.position === 12n)!;
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({
      position: 12n,
      stream: victim.stream,
      revision: victim.revision,
      eventId: victim.id,
      reason: 'HASH_MISMATCH',
    });
    expect(report.eventsChecked).toBe(11);
  });

  it('checks from a position on when asked, taking earlier events as they are', async () => {
    const log = await checkpointedLog(directory);
    await log.checkpointer.close();
    tamper(log.path, (db) => db.prepare('UPDATE events SET data = ? WHERE position = 12').run('{"forged":true}'));
    const reopened = createSqliteEventStore({ path: log.path });
    try {
      const later = await verifyLog(reopened, { publicKeys: [log.signingKey], from: 13n });
      expect(later).toMatchObject({ ok: true, eventsChecked: 15, checkpointsChecked: 2 });
      const all = await verifyLog(reopened, { publicKeys: [log.signingKey], from: 12n });
      expect(all.firstBreak).toMatchObject({ position: 12n, reason: 'HASH_MISMATCH' });
    } finally {
      await reopened.close();
    }
  });

  it('names the event after a deleted one in the same stream', async () => {
    // Round 2 writes positions 10-17 as A B C D A B C D: deleting A's 10 leaves a gap before 14.
    const { events, report } = await tamperedLog((db) => db.prepare('DELETE FROM events WHERE position = ?').run(10));
    const victim = events.find((e) => e.position === 10n)!;
    const next = events.find((e) => e.stream === victim.stream && e.revision === victim.revision + 1n)!;
    expect(report.firstBreak).toMatchObject({ position: next.position, stream: victim.stream, reason: 'REVISION_GAP' });
  });

  it('detects a deleted stream head through the next checkpoint’s count', async () => {
    const { events, report } = await tamperedLog((db) => {
      const last = db.prepare('SELECT max(position) FROM events WHERE position < 27').pluck().get() as number;
      db.prepare('DELETE FROM events WHERE position = ?').run(last);
    });
    const checkpoint = events.filter((e) => e.stream === CHECKPOINT_STREAM)[2]!;
    expect(report.firstBreak).toMatchObject({
      position: checkpoint.position,
      stream: CHECKPOINT_STREAM,
      reason: 'CHECKPOINT_COUNT_MISMATCH',
    });
  });

  it('detects two rows whose data was swapped', async () => {
    const { report } = await tamperedLog((db) => {
      const data = db.prepare('SELECT data FROM events WHERE position = ?').pluck();
      const [a, b] = [data.get(20) as string, data.get(24) as string];
      const update = db.prepare('UPDATE events SET data = ? WHERE position = ?');
      update.run(b, 20);
      update.run(a, 24);
    });
    expect(report.firstBreak).toMatchObject({ position: 20n, reason: 'HASH_MISMATCH' });
  });

  it('detects two events of one stream moved into each other’s place', async () => {
    const { events, report } = await tamperedLog((db) => {
      const swap = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      swap.run(-1, 11);
      swap.run(11, 15);
      swap.run(15, -1);
    });
    const moved = events.find((e) => e.position === 15n)!;
    expect(moved.stream).toBe(events.find((e) => e.position === 11n)!.stream);
    expect(report.firstBreak).toMatchObject({ position: 11n, revision: moved.revision, reason: 'REVISION_GAP' });
  });

  it('detects a forged checkpoint signature', async () => {
    const { events, report } = await tamperedLog((db) => {
      const row = db.prepare('SELECT position, data FROM events WHERE position = 18').get() as { data: string };
      const record = JSON.parse(row.data) as { signature: string };
      const signature = Buffer.from(record.signature, 'base64');
      signature[0] = (signature[0] ?? 0) ^ 0xff;
      db.prepare('UPDATE events SET data = ? WHERE position = 18').run(
        JSON.stringify({ ...record, signature: signature.toString('base64') }),
      );
    });
    expect(events.find((e) => e.position === 18n)?.stream).toBe(CHECKPOINT_STREAM);
    // The signature is part of the event's data, so the chain catches the change first.
    expect(report.firstBreak).toMatchObject({ position: 18n, reason: 'HASH_MISMATCH' });
  });
});
