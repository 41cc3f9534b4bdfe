import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CheckedLines, checkLines } from './exportLineCheck.js';

const here = import.meta.url;
const extension = here.slice(here.lastIndexOf('.'));

/**
 * A worker running `exportCheckWorker`. Run from TypeScript sources (tests, `tsx`), the worker first registers
 * tsx's loader, which a worker does not inherit.
 */
const startWorker = (): Worker => {
  const entry = new URL(`./exportCheckWorker${extension}`, here).href;
  if (extension !== '.ts') return new Worker(new URL(entry));
  const boot = `const tsx = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
tsx.register();
await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
};

/** A checked batch, and the bytes it was given, to be used again. */
export interface Checked {
  checked: CheckedLines;
  bytes: Uint8Array;
}

interface Pending {
  resolve: (answer: Checked & { sha256: string }) => void;
  reject: (error: unknown) => void;
}

/** Where the verifier sends the bytes of the file digest, in order. */
export interface Digester {
  update(bytes: Uint8Array): void;
  hex(): Promise<string>;
}

/**
 * Checks batches of export lines on worker threads, one batch at a time per worker, answering in any order, and
 * hashes the file on one more. With no workers, does both on the calling thread.
 */
export class LineCheckers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: unknown;
  private closing = false;
  /** Memory of digested copies that came back, for the next copies. */
  private readonly free: ArrayBuffer[] = [];

  /** `count` checkers and, when there are any, a digester. */
  constructor(count: number) {
    for (let i = 0; i < (count > 0 ? count + 1 : 0); i++) {
      const worker = startWorker();
      worker.on('message', (answer: { id?: number; digested?: Uint8Array } & Checked & { sha256: string }) => {
        if (answer.digested !== undefined) {
          if (this.free.length < 8) this.free.push(answer.digested.buffer as ArrayBuffer);
          return;
        }
        const pending = this.pending.get(answer.id!);
        this.pending.delete(answer.id!);
        pending?.resolve(answer);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`an export check worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
    }
  }

  /** Workers for a large input: one per core. */
  static defaultCount(): number {
    return Math.max(1, Math.min(availableParallelism(), 8));
  }

  /** How many workers check lines. */
  get size(): number {
    return Math.max(0, this.workers.length - 1);
  }

  /**
   * Checks `bytes` (whole lines) on the worker `slot` picks. Its ArrayBuffer, which it must own alone, is handed
   * over to the worker and comes back with the answer.
   */
  check(bytes: Uint8Array, slot: number): Promise<Checked> {
    if (this.workers.length === 0) return Promise.resolve({ checked: checkLines(bytes), bytes });
    return this.ask(this.workers[1 + (slot % this.size)]!, { bytes }, [bytes.buffer as ArrayBuffer]);
  }

  /** The file digest: on the digester worker, or on this thread. */
  digester(): Digester {
    if (this.workers.length === 0) {
      const hash = createHash('sha256');
      return { update: (bytes) => hash.update(bytes), hex: async () => hash.digest('hex') };
    }
    const digester = this.workers[0]!;
    return {
      update: (bytes) => {
        const pooled = this.free.pop();
        // Twice the size, so that the next copies, of about the same size, fit in it: fresh memory costs page faults.
        const memory =
          pooled !== undefined && pooled.byteLength >= bytes.length ? pooled : new ArrayBuffer(2 * bytes.length);
        const copy = new Uint8Array(memory, 0, bytes.length);
        copy.set(bytes);
        digester.postMessage({ digest: copy }, [memory]);
      },
      hex: async () => (await this.ask(digester, { digestEnd: true }, [])).sha256,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
  }

  private ask(worker: Worker, message: object, transfer: ArrayBuffer[]): Promise<Checked & { sha256: string }> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message }, transfer);
    });
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
