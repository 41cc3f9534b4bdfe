/** One line of an NDJSON body: its 1-based number and text, or `tooLong` when it exceeded the limit. */
export type NdjsonLine = { number: number; text: string; tooLong: false } | { number: number; text: ''; tooLong: true };

/**
 * Splits a byte stream into lines with bounded memory: a line longer than `maxLineBytes` is reported as
 * `tooLong` and its bytes are dropped as they arrive. Blank lines are skipped.
 */
export async function* ndjsonLines(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<NdjsonLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let number = 0;
  const finish = function* (): Generator<NdjsonLine> {
    number++;
    if (tooLong) yield { number, text: '', tooLong: true };
    else {
      const text = Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '');
      if (text.trim().length > 0) yield { number, text, tooLong: false };
    }
    parts = [];
    size = 0;
    tooLong = false;
  };
  for await (const chunk of input) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let newline = buffer.indexOf(10); newline !== -1; newline = buffer.indexOf(10)) {
      const head = buffer.subarray(0, newline);
      if (!tooLong && size + head.length <= maxLineBytes) {
        parts.push(head);
        size += head.length;
      } else tooLong = true;
      yield* finish();
      buffer = buffer.subarray(newline + 1);
    }
    if (!tooLong && size + buffer.length <= maxLineBytes) {
      if (buffer.length > 0) {
        parts.push(Buffer.from(buffer));
        size += buffer.length;
      }
    } else {
      tooLong = true;
      parts = [];
      size = 0;
    }
  }
  if (size > 0 || tooLong) yield* finish();
}
