import { createHash, type Hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { checkLines } from './exportLineCheck.js';

type Message = { id: number; bytes: Uint8Array } | { digest: Uint8Array } | { id: number; digestEnd: true };

const digest: Hash = createHash('sha256');

/**
 * Worker thread of `LineCheckers`. Checks each batch of export lines it is sent and sends it back with the
 * result; or, as the digester, hashes the bytes it is sent, in order, and sends them back.
 */
parentPort?.on('message', (message: Message) => {
  if ('digest' in message) {
    digest.update(message.digest);
    parentPort!.postMessage({ digested: message.digest }, [message.digest.buffer as ArrayBuffer]);
  } else if ('digestEnd' in message) {
    parentPort!.postMessage({ id: message.id, sha256: digest.digest('hex') });
  } else {
    const { id, bytes } = message;
    const checked = checkLines(bytes);
    const typed = [checked.starts, checked.fast, checked.positions, checked.revisions, checked.chain, bytes];
    parentPort!.postMessage(
      { id, checked, bytes },
      typed.map((array) => array.buffer as ArrayBuffer),
    );
  }
});
