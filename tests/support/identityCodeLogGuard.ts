import fs from 'node:fs';
import { afterAll, expect } from 'vitest';
import { identityCodesSeen, scanLogText } from './identityCodeScan.js';

// Issue 7: no personal identity code in any log line during the whole test run. Every write of a test worker to
// stdout or stderr is scanned (process streams, and the fs calls pino's destination uses); test servers log at
// debug level into a scanning stream; served child processes scan the lines they capture.
const isStdio = (fd: unknown) => fd === 1 || fd === 2;

const writeSync = fs.writeSync;
fs.writeSync = ((fd: number, buffer: unknown, ...rest: unknown[]) => {
  if (isStdio(fd)) scanLogText(`fd ${fd}`, buffer);
  return (writeSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
}) as typeof fs.writeSync;
const write = fs.write;
fs.write = ((fd: number, buffer: unknown, ...rest: unknown[]) => {
  if (isStdio(fd)) scanLogText(`fd ${fd}`, buffer);
  return (write as (...args: unknown[]) => void)(fd, buffer, ...rest);
}) as typeof fs.write;
for (const [name, stream] of [
  ['stdout', process.stdout],
  ['stderr', process.stderr],
] as const) {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    scanLogText(name, chunk);
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
}

afterAll(() => {
  expect(identityCodesSeen(), 'a personal identity code reached a log line').toEqual([]);
});
