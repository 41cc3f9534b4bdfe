import type { ExportHeader } from './exportFormat.js';
import { EXPORT_FORMAT, parseEventLine } from './exportFormat.js';
import { type CheckedLines, parseObject } from './exportLineCheck.js';
import { type CheckedEvent, LogVerifier, type VerifyReport } from './logVerifier.js';
import { toKeyRing, type VerifyLogOptions } from './verifyLog.js';

export interface ExportReport extends VerifyReport {
  header?: ExportHeader;
}

const isHeader = (line: Record<string, unknown> | undefined): line is Record<string, unknown> & ExportHeader =>
  line?.kind === 'header' && line.format === EXPORT_FORMAT && typeof line.after === 'string';

/**
 * Reads an export's lines in order and feeds its events to a LogVerifier: the first line must be the header,
 * the last the trailer. Lines arrive in checked batches; a line the checker passed is taken as it reported it,
 * any other is parsed and checked here. `false` from `lines` means stop: the history or the file is broken.
 */
export class ExportReader {
  header: ExportHeader | undefined;
  verifier: LogVerifier | undefined;
  trailer: Record<string, unknown> | undefined;
  lineNumber = 0;
  stopped = false;

  private bytes: Buffer = Buffer.alloc(0);
  private starts: Int32Array = new Int32Array(1);
  private current = 0;
  /** The event id of the current line, read again only when its event breaks the history. */
  private readonly currentId = (): string => {
    const line = parseObject(this.textOf(this.current));
    return typeof line?.id === 'string' ? line.id : '';
  };
  private readonly scratch: CheckedEvent = {
    position: 0,
    stream: '',
    revision: 0,
    chain: new Int32Array(0),
    chainAt: 0,
  };

  constructor(private readonly publicKeys: VerifyLogOptions['publicKeys']) {}

  /** Takes the checked lines of `bytes` in order. */
  lines(checked: CheckedLines, bytes: Uint8Array): boolean {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.starts = checked.starts;
    const { chain } = checked;
    this.scratch.chain = new Int32Array(chain.buffer, chain.byteOffset, chain.byteLength >> 2);
    for (let i = 0; i < checked.count; i++) {
      this.current = i;
      const ok = checked.fast[i] === 1 ? this.checkedEvent(checked, i) : this.line(this.textOf(i));
      if (!ok) return false;
    }
    return true;
  }

  private textOf(line: number): string {
    return this.bytes.toString('utf8', this.starts[line], this.starts[line + 1]);
  }

  private checkedEvent(checked: CheckedLines, i: number): boolean {
    this.lineNumber++;
    if (this.trailer !== undefined) return this.malformed(`line ${this.lineNumber} follows the trailer`);
    if (this.header === undefined) return this.malformed('the first line is not an export header');
    const event = this.scratch;
    event.position = checked.positions[i]!;
    event.stream = checked.streams[i]!;
    event.revision = checked.revisions[i]!;
    event.chainAt = 16 * i;
    return this.verifier!.acceptChecked(event, this.currentId) || this.stop();
  }

  private line(text: string): boolean {
    this.lineNumber++;
    if (this.trailer !== undefined) return this.malformed(`line ${this.lineNumber} follows the trailer`);
    const value = parseObject(text);
    if (this.header === undefined) {
      if (!isHeader(value)) return this.malformed('the first line is not an export header');
      this.header = value;
      const whole = value.after === '0';
      this.verifier = new LogVerifier({
        publicKeys: toKeyRing(this.publicKeys),
        streamsComplete: whole,
        logComplete: whole && value.client === null,
      });
    } else if (value?.kind === 'trailer') {
      this.trailer = value;
    } else {
      const event = value?.kind === 'event' ? parseEventLine(value) : undefined;
      if (event === undefined) return this.malformed(`line ${this.lineNumber} is not a well-formed event`);
      if (!this.verifier!.accept(event)) return this.stop();
    }
    return true;
  }

  malformed(detail: string): false {
    this.verifier ??= new LogVerifier({ publicKeys: new Map(), streamsComplete: true, logComplete: false });
    const position = this.verifier.position;
    this.verifier.fail(position === undefined ? undefined : { position }, 'EXPORT_MALFORMED', detail);
    return this.stop();
  }

  private stop(): false {
    this.stopped = true;
    return false;
  }

  /** The report, after the trailer's count and digest (of every byte before the trailer line) are compared. */
  finish(digest: () => string): ExportReport {
    const verifier = this.verifier;
    if (verifier === undefined) return this.malformed('the file is empty') || this.finish(digest);
    if (!this.stopped) {
      const at = verifier.position === undefined ? undefined : { position: verifier.position };
      const trailer = this.trailer;
      if (trailer === undefined)
        verifier.fail(at, 'TRUNCATED', `no trailer after line ${this.lineNumber}: the file is cut short`);
      else if (trailer.eventCount !== String(verifier.count))
        verifier.fail(
          at,
          'TRUNCATED',
          `the trailer announces ${String(trailer.eventCount)} events, the file holds ${verifier.count}`,
        );
      else if (trailer.sha256 !== digest())
        verifier.fail(at, 'EXPORT_DIGEST_MISMATCH', 'the SHA-256 of the file differs from its trailer');
    }
    return { ...verifier.report(), ...(this.header !== undefined ? { header: this.header } : {}) };
  }
}
