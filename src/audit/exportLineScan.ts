/**
 * A scanner for the common export line: exactly the layout `eventLine` writes, with `data` and `metadata` in the
 * form the hash chain stores (canonical JSON, then `prevHash` and `hash` last in the metadata). For such a line
 * the hash input can be assembled from the line's own text, without parsing it into objects and writing them
 * again. The scanner accepts only text that is already canonical: strings without escapes, numbers as
 * ECMAScript writes them, object keys strictly ascending, no whitespace. For anything else it answers
 * undefined and the line is parsed. It never decides that a line is wrong.
 */
export interface ScannedEvent {
  position: string;
  stream: string;
  revision: string;
  id: string;
  type: string;
  /** The canonical text of the version number. */
  version: string;
  /** The canonical text of `data`. */
  data: string;
  /** The canonical text of `metadata` without `prevHash` and `hash`. */
  metadata: string;
  prevHash: string;
  /** The text between the quotes of `hash`: the hash only when it equals one recomputed. */
  hash: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const FAILED = -1;

/** End of the plain string whose opening quote is at `at` (after its closing quote), or FAILED. */
const plainString = (text: string, at: number): number => {
  if (text.charCodeAt(at) !== QUOTE) return FAILED;
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i + 1;
    if (code < 0x20 || code === BACKSLASH) return FAILED;
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = text.charCodeAt(i + 1);
      if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return FAILED;
      i++;
    }
  }
  return FAILED;
};

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** End of the number at `at` when its text is the one ECMAScript writes for its value, or FAILED. */
const canonicalNumber = (text: string, at: number): number => {
  let i = at;
  if (text.charCodeAt(i) === 0x2d) i++;
  const digits = i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === digits || (text.charCodeAt(digits) === 0x30 && i - digits > 1)) return FAILED;
  const simple = text.charCodeAt(i) !== 0x2e && (text.charCodeAt(i) | 0x20) !== 0x65;
  if (simple && i - digits <= 15) return text.slice(at, i) === '-0' ? FAILED : i;
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    const fraction = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === fraction) return FAILED;
  }
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
    const exponent = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === exponent) return FAILED;
  }
  const raw = text.slice(at, i);
  return String(Number(raw)) === raw ? i : FAILED;
};

/** Whether text[a1, b1) < text[a2, b2) by UTF-16 code units (both are key texts without quotes). */
const before = (text: string, a1: number, b1: number, a2: number, b2: number): boolean => {
  for (; a1 < b1 && a2 < b2; a1++, a2++) {
    const difference = text.charCodeAt(a1) - text.charCodeAt(a2);
    if (difference !== 0) return difference < 0;
  }
  return b1 - a1 < b2 - a2;
};

/** End of the canonical JSON value at `at`, or FAILED. */
const canonicalValue = (text: string, at: number): number => {
  const code = text.charCodeAt(at);
  if (code === QUOTE) return plainString(text, at);
  if (code === 0x7b) return canonicalMembers(text, at + 1, false);
  if (code === 0x5b) {
    let i = at + 1;
    if (text.charCodeAt(i) === 0x5d) return i + 1;
    for (;;) {
      i = canonicalValue(text, i);
      if (i === FAILED) return FAILED;
      const next = text.charCodeAt(i);
      if (next === 0x5d) return i + 1;
      if (next !== COMMA) return FAILED;
      i++;
    }
  }
  if (code === 0x74) return text.startsWith('true', at) ? at + 4 : FAILED;
  if (code === 0x66) return text.startsWith('false', at) ? at + 5 : FAILED;
  if (code === 0x6e) return text.startsWith('null', at) ? at + 4 : FAILED;
  return canonicalNumber(text, at);
};

const CHAIN = '"prevHash":"';

/**
 * End of the members of an object whose `{` is just before `at`, or FAILED; the keys must be strictly ascending.
 * In `metadata`, the members end early where the chain keys begin (that index is returned), and no other key may
 * be one of them.
 */
const canonicalMembers = (text: string, at: number, metadata: boolean): number => {
  let i = at;
  if (text.charCodeAt(i) === 0x7d) return i + 1;
  let previousStart = -1;
  let previousEnd = -1;
  for (;;) {
    if (metadata && text.startsWith(CHAIN, i)) return i;
    const keyEnd = plainString(text, i);
    if (keyEnd === FAILED || text.charCodeAt(keyEnd) !== COLON) return FAILED;
    if (previousStart >= 0 && !before(text, previousStart, previousEnd, i + 1, keyEnd - 1)) return FAILED;
    if (metadata && (text.startsWith('"hash":', i) || text.startsWith('"prevHash":', i))) return FAILED;
    previousStart = i + 1;
    previousEnd = keyEnd - 1;
    i = canonicalValue(text, keyEnd + 1);
    if (i === FAILED) return FAILED;
    const next = text.charCodeAt(i);
    if (next === 0x7d) return i + 1;
    if (next !== COMMA) return FAILED;
    i++;
  }
};

const HEX_HASH = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The plain string after `prefix` at `at` (the prefix ends with its opening quote): its end, or FAILED. */
const fieldEnd = (text: string, at: number, prefix: string): number =>
  text.startsWith(prefix, at) ? plainString(text, at + prefix.length - 1) : FAILED;

/** The fields of an event line in the stored form, or undefined for any other line. */
export const scanEventLine = (text: string): ScannedEvent | undefined => {
  const positionEnd = fieldEnd(text, 0, '{"kind":"event","position":"');
  const streamEnd = positionEnd === FAILED ? FAILED : fieldEnd(text, positionEnd, ',"stream":"');
  const revisionEnd = streamEnd === FAILED ? FAILED : fieldEnd(text, streamEnd, ',"revision":"');
  const idEnd = revisionEnd === FAILED ? FAILED : fieldEnd(text, revisionEnd, ',"id":"');
  const typeEnd = idEnd === FAILED ? FAILED : fieldEnd(text, idEnd, ',"type":"');
  if (typeEnd === FAILED || !text.startsWith(',"version":', typeEnd)) return undefined;
  const position = text.slice(28, positionEnd - 1);
  const revision = text.slice(streamEnd + 13, revisionEnd - 1);
  if (!DECIMAL.test(position) || !DECIMAL.test(revision)) return undefined;
  const versionStart = typeEnd + 11;
  const versionEnd = canonicalNumber(text, versionStart);
  if (versionEnd === FAILED || !text.startsWith(',"data":{', versionEnd)) return undefined;
  const dataStart = versionEnd + 8;
  const dataEnd = canonicalValue(text, dataStart);
  if (dataEnd === FAILED || !text.startsWith(',"metadata":{', dataEnd)) return undefined;
  const metadataStart = dataEnd + 12;
  const chainStart = canonicalMembers(text, metadataStart + 1, true);
  if (chainStart === FAILED || !text.startsWith(CHAIN, chainStart)) return undefined;
  const chainEnd = chainStart + 150;
  if (!text.startsWith('","hash":"', chainStart + 76) || !text.startsWith('"},"recordedAt":', chainEnd))
    return undefined;
  const prevHash = text.slice(chainStart + 12, chainStart + 76);
  // `hash` is compared with a recomputed one by the caller: only prevHash is left to check.
  if (!HEX_HASH.test(prevHash)) return undefined;
  const recordedEnd = plainString(text, chainEnd + 16);
  if (recordedEnd === FAILED || text.charCodeAt(recordedEnd) !== 0x7d) return undefined;
  const rest = text.length - recordedEnd - 1;
  if (rest > 1 || (rest === 1 && text.charCodeAt(recordedEnd + 1) !== 0x0a)) return undefined;
  const metadataEnd = chainStart === metadataStart + 1 ? chainStart : chainStart - 1;
  return {
    position,
    stream: text.slice(positionEnd + 11, streamEnd - 1),
    revision,
    id: text.slice(revisionEnd + 7, idEnd - 1),
    type: text.slice(idEnd + 9, typeEnd - 1),
    version: text.slice(versionStart, versionEnd),
    data: text.slice(dataStart, dataEnd),
    metadata: `${text.slice(metadataStart, metadataEnd)}}`,
    prevHash,
    hash: text.slice(chainStart + 86, chainEnd),
  };
};
