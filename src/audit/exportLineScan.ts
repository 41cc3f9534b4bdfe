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

/** `text.startsWith(prefix, at)` for `at` ≥ 0, by char codes: cheaper for the short literals here. */
const hasAt = (text: string, at: number, prefix: string): boolean => {
  if (at + prefix.length > text.length) return false;
  for (let i = 0; i < prefix.length; i++) if (text.charCodeAt(at + i) !== prefix.charCodeAt(i)) return false;
  return true;
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
  if (code === 0x74) return hasAt(text, at, 'true') ? at + 4 : FAILED;
  if (code === 0x66) return hasAt(text, at, 'false') ? at + 5 : FAILED;
  if (code === 0x6e) return hasAt(text, at, 'null') ? at + 4 : FAILED;
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
    if (metadata && hasAt(text, i, CHAIN)) return i;
    const keyEnd = plainString(text, i);
    if (keyEnd === FAILED || text.charCodeAt(keyEnd) !== COLON) return FAILED;
    if (previousStart >= 0 && !before(text, previousStart, previousEnd, i + 1, keyEnd - 1)) return FAILED;
    if (metadata && (hasAt(text, i, '"hash":') || hasAt(text, i, '"prevHash":'))) return FAILED;
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

/** Whether the 64 characters at `at` are lower-case hex. */
const isHexAt = (text: string, at: number): boolean => {
  for (let i = at; i < at + 64; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
  }
  return true;
};
/** Whether text[start, end) is a decimal integer without leading zeros. */
const isDecimal = (text: string, start: number, end: number): boolean => {
  if (end <= start || (text.charCodeAt(start) === 0x30 && end - start > 1)) return false;
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
};

/** The plain string after `prefix` at `at` (the prefix ends with its opening quote): its end, or FAILED. */
const fieldEnd = (text: string, at: number, prefix: string): number =>
  hasAt(text, at, prefix) ? plainString(text, at + prefix.length - 1) : FAILED;

/**
 * The fields of the event line text[start, end) (its newline included, if any) in the stored form, or undefined
 * for any other line. The line may be given inside a longer text: scanning a flat string is faster than scanning
 * a slice of one. No value crosses the line's end: a newline ends every string, number and structure as invalid.
 */
export const scanEventLine = (text: string, start = 0, end = text.length): ScannedEvent | undefined => {
  const positionEnd = fieldEnd(text, start, '{"kind":"event","position":"');
  const streamEnd = positionEnd === FAILED ? FAILED : fieldEnd(text, positionEnd, ',"stream":"');
  const revisionEnd = streamEnd === FAILED ? FAILED : fieldEnd(text, streamEnd, ',"revision":"');
  const idEnd = revisionEnd === FAILED ? FAILED : fieldEnd(text, revisionEnd, ',"id":"');
  const typeEnd = idEnd === FAILED ? FAILED : fieldEnd(text, idEnd, ',"type":"');
  if (typeEnd === FAILED || !hasAt(text, typeEnd, ',"version":')) return undefined;
  if (!isDecimal(text, start + 28, positionEnd - 1) || !isDecimal(text, streamEnd + 13, revisionEnd - 1))
    return undefined;
  const versionStart = typeEnd + 11;
  const versionEnd = canonicalNumber(text, versionStart);
  if (versionEnd === FAILED || !hasAt(text, versionEnd, ',"data":{')) return undefined;
  const dataStart = versionEnd + 8;
  const dataEnd = canonicalValue(text, dataStart);
  if (dataEnd === FAILED || !hasAt(text, dataEnd, ',"metadata":{')) return undefined;
  const metadataStart = dataEnd + 12;
  const chainStart = canonicalMembers(text, metadataStart + 1, true);
  if (chainStart === FAILED || !hasAt(text, chainStart, CHAIN)) return undefined;
  const chainEnd = chainStart + 150;
  if (!hasAt(text, chainStart + 76, '","hash":"') || !hasAt(text, chainEnd, '"},"recordedAt":')) return undefined;
  // `hash` is compared with a recomputed one by the caller: only prevHash is left to check.
  if (!isHexAt(text, chainStart + 12)) return undefined;
  const recordedEnd = plainString(text, chainEnd + 16);
  if (recordedEnd === FAILED || text.charCodeAt(recordedEnd) !== 0x7d) return undefined;
  const rest = end - recordedEnd - 1;
  if (rest > 1 || rest < 0 || (rest === 1 && text.charCodeAt(recordedEnd + 1) !== 0x0a)) return undefined;
  const metadataEnd = chainStart === metadataStart + 1 ? chainStart : chainStart - 1;
  return {
    position: text.slice(start + 28, positionEnd - 1),
    stream: text.slice(positionEnd + 11, streamEnd - 1),
    revision: text.slice(streamEnd + 13, revisionEnd - 1),
    id: text.slice(revisionEnd + 7, idEnd - 1),
    type: text.slice(idEnd + 9, typeEnd - 1),
    version: text.slice(versionStart, versionEnd),
    data: text.slice(dataStart, dataEnd),
    metadata: `${text.slice(metadataStart, metadataEnd)}}`,
    prevHash: text.slice(chainStart + 12, chainStart + 76),
    hash: text.slice(chainStart + 86, chainEnd),
  };
};
