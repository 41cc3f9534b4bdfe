/** A stream's last event as the hash chain needs it: its revision and hash. */
export interface Head {
  revision: bigint;
  hash: string;
}

/**
 * The heads this process wrote last, least recently used dropped first. A remembered head can be stale when
 * another process appended since; the append then fails its expected revision and the head is read again.
 */
export class HeadCache {
  private readonly heads = new Map<string, Head>();

  constructor(private readonly capacity: number) {}

  get(stream: string): Head | undefined {
    const head = this.heads.get(stream);
    if (head !== undefined) {
      this.heads.delete(stream);
      this.heads.set(stream, head);
    }
    return head;
  }

  set(stream: string, head: Head): void {
    if (this.capacity <= 0) return;
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }

  delete(stream: string): void {
    this.heads.delete(stream);
  }
}
