import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportLog, exportStream } from '../../src/audit/exportLog.js';
import { verifyExport, verifyExportFile } from '../../src/audit/verifyExport.js';
import { checkpointedLog, tempDirectory } from './support.js';

const directory = tempDirectory('audit-export-');

const exportText = async (...args: Parameters<typeof exportStream>) => {
  const chunks: string[] = [];
  for await (const chunk of exportStream(...args)) chunks.push(String(chunk));
  return chunks.join('');
};

const verifyText = (text: string, publicKeys: Parameters<typeof verifyExport>[1]['publicKeys']) =>
  verifyExport(Readable.from([Buffer.from(text)]), { publicKeys });

const lines = (text: string) => text.split('\n').slice(0, -1);

describe('export and offline verification', () => {
  it('round-trips the whole log: header, every event with its hashes, checkpoints, trailer', async () => {
    const log = await checkpointedLog(directory);
    const text = await exportText(log.store, { now: '2026-03-02T09:00:00.000Z' });
    const all = lines(text).map((line) => JSON.parse(line));
    expect(all[0]).toMatchObject({ kind: 'header', after: '0', client: null, headPosition: '27' });
    expect(all.at(-1)).toMatchObject({ kind: 'trailer', eventCount: '27', lastPosition: '27' });
    expect(all[1]).toMatchObject({
      kind: 'event',
      position: '1',
      revision: '0',
      metadata: { hash: expect.any(String) },
    });
    const report = await verifyText(text, [log.signingKey]);
    expect(report).toMatchObject({ ok: true, scope: 'full', eventsChecked: 27, checkpointsChecked: 3 });

    const out = new PassThrough();
    const received: Buffer[] = [];
    out.on('data', (chunk: Buffer) => received.push(chunk));
    const summary = await exportLog(log.store, out, { now: '2026-03-02T09:00:00.000Z' });
    expect(summary).toMatchObject({ eventCount: 27n, lastPosition: 27n });
    expect(Buffer.concat(received).toString()).toBe(text);
  });

  it('reads the file in arbitrary chunks', async () => {
    const log = await checkpointedLog(directory);
    const bytes = Buffer.from(await exportText(log.store));
    const pieces = Array.from({ length: Math.ceil(bytes.length / 37) }, (_, i) => bytes.subarray(i * 37, i * 37 + 37));
    expect(await verifyExport(Readable.from(pieces), { publicKeys: [log.signingKey] })).toMatchObject({ ok: true });
  });

  it('reports a truncated export', async () => {
    const log = await checkpointedLog(directory);
    const kept = lines(await exportText(log.store)).slice(0, 21);
    const report = await verifyText(`${kept.join('\n')}\n`, [log.signingKey]);
    expect(report.firstBreak).toMatchObject({ reason: 'TRUNCATED', position: 20n });
    const cut = await verifyText((await exportText(log.store)).slice(0, -30), [log.signingKey]);
    expect(cut.ok).toBe(false);
  });

  it('names an altered event line', async () => {
    const log = await checkpointedLog(directory);
    const all = lines(await exportText(log.store));
    all[13] = all[13]!.replace('"n":', '"n":1');
    expect((await verifyText(`${all.join('\n')}\n`, [log.signingKey])).firstBreak).toMatchObject({
      reason: 'HASH_MISMATCH',
      position: 13n,
    });
  });

  it('detects a changed field that no hash covers through the trailer digest', async () => {
    const log = await checkpointedLog(directory);
    const all = lines(await exportText(log.store));
    all[5] = all[5]!.replace(/"recordedAt":"[^"]*"/, '"recordedAt":"1999-01-01T00:00:00.000Z"');
    expect((await verifyText(`${all.join('\n')}\n`, [log.signingKey])).firstBreak).toMatchObject({
      reason: 'EXPORT_DIGEST_MISMATCH',
    });
  });

  it('detects a removed event line even when the trailer is rewritten to match', async () => {
    const log = await checkpointedLog(directory);
    const all = lines(await exportText(log.store)).filter((_, i) => i !== 26);
    const body = `${all.slice(0, -1).join('\n')}\n`;
    const trailer = {
      ...JSON.parse(all.at(-1)!),
      eventCount: '26',
      sha256: createHash('sha256').update(body).digest('hex'),
    };
    all[all.length - 1] = JSON.stringify(trailer);
    expect((await verifyText(`${all.join('\n')}\n`, [log.signingKey])).firstBreak).toMatchObject({
      reason: 'CHECKPOINT_COUNT_MISMATCH',
      position: 27n,
    });
  });

  it('reports malformed lines and a missing header', async () => {
    const log = await checkpointedLog(directory);
    const all = lines(await exportText(log.store));
    all[4] = '{not json';
    expect((await verifyText(`${all.join('\n')}\n`, [log.signingKey])).firstBreak).toMatchObject({
      reason: 'EXPORT_MALFORMED',
      position: 3n,
    });
    expect((await verifyText('', [log.signingKey])).firstBreak).toMatchObject({ reason: 'EXPORT_MALFORMED' });
  });

  it('exports one client with the checkpoints, and verifies it on its own', async () => {
    const log = await checkpointedLog(directory);
    const client = log.clientIds[1]!;
    const text = await exportText(log.store, { client });
    const events = lines(text)
      .slice(1, -1)
      .map((line) => JSON.parse(line));
    expect(new Set(events.map((e) => e.stream))).toEqual(new Set([`client-${client}`, 'audit-checkpoints']));
    expect(events).toHaveLength(6 + 3);
    expect(await verifyText(text, [log.signingKey])).toMatchObject({
      ok: true,
      scope: 'partial',
      checkpointsChecked: 3,
    });
  });

  it('exports after a position and verifies the part', async () => {
    const log = await checkpointedLog(directory);
    const text = await exportText(log.store, { after: 12n });
    expect(JSON.parse(lines(text)[1]!)).toMatchObject({ position: '13' });
    expect(await verifyText(text, [log.signingKey])).toMatchObject({ ok: true, scope: 'partial', eventsChecked: 15 });
  });
});

describe('verifying on worker threads', () => {
  const both = async (text: string, publicKeys: Parameters<typeof verifyExport>[1]['publicKeys']) => {
    const here = await verifyExport(Readable.from([Buffer.from(text)]), { publicKeys, workers: 0 });
    const pieces = Array.from({ length: Math.ceil(text.length / 700) }, (_, i) => text.slice(i * 700, i * 700 + 700));
    const threads = await verifyExport(Readable.from(pieces.map((piece) => Buffer.from(piece))), {
      publicKeys,
      workers: 2,
      batchBytes: 1_024,
    });
    expect(threads).toEqual(here);
    return threads;
  };

  it('gives the same report as checking on this thread, whole or tampered', async () => {
    const log = await checkpointedLog(directory, 6, 3, 3);
    const text = await exportText(log.store, { now: '2026-03-02T09:00:00.000Z' });
    expect(await both(text, [log.signingKey])).toMatchObject({ ok: true, eventsChecked: 57, checkpointsChecked: 3 });
    const all = lines(text);
    const altered = all.map((line, i) => (i === 30 ? line.replace('"n":', '"n":1') : line));
    expect((await both(`${altered.join('\n')}\n`, [log.signingKey])).firstBreak).toMatchObject({
      reason: 'HASH_MISMATCH',
      position: 30n,
    });
    const swapped = [...all];
    [swapped[40], swapped[41]] = [swapped[41]!, swapped[40]!];
    const report = await both(`${swapped.join('\n')}\n`, [log.signingKey]);
    expect(report.firstBreak).toMatchObject({ reason: 'POSITION_ORDER', position: 40n });
    expect(report.firstBreak?.eventId).toBe(JSON.parse(all[40]!).id);
  });

  it('reads a file straight into its batches', async () => {
    const log = await checkpointedLog(directory);
    const text = await exportText(log.store);
    const file = join(directory, `${randomUUID()}.ndjson`);
    writeFileSync(file, text);
    const options = { publicKeys: [log.signingKey], workers: 2, batchBytes: 512 };
    expect(await verifyExportFile(file, options)).toEqual(await verifyText(text, [log.signingKey]));
    writeFileSync(file, text.slice(0, -40));
    expect((await verifyExportFile(file, options)).ok).toBe(false);
  });
});
