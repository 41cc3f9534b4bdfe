/**
 * RFC 8785 canonical JSON, written for speed on the append and verification paths; for JSON values it
 * produces exactly what `canonicalJson` (src/eventStore/canonicalJson.ts) produces, which a property test
 * checks. For other input it follows `JSON.stringify` (toJSON, undefined and functions dropped, non-finite
 * numbers as null, bigint refused), so the text is the canonical form of what a JSON store holds.
 *
 * Plain data already in key order (the stored form) is what `JSON.stringify` writes; plain data in another
 * order (events as the domain builds them) is copied with sorted keys and then written by `JSON.stringify`.
 * Both give one flat string, not a tree of concatenations that the garbage collector has to copy while the
 * append waits for its commit. Anything else takes the general path.
 */
export const canonicalize = (value: unknown): string | undefined => {
  if (inKeyOrder(value)) return JSON.stringify(value);
  const sorted = sortedCopy(value);
  return sorted === NOT_PLAIN ? slowCanonicalize(value) : JSON.stringify(sorted);
};

/** Canonical JSON of a metadata object without the hash-chain keys `prevHash` and `hash`. */
export const canonicalMetadata = (metadata: object): string => {
  if (!('hash' in metadata) && !('prevHash' in metadata)) return canonicalize(metadata) ?? 'null';
  const stored = storedChainForm(metadata as Record<string, unknown>);
  if (stored !== undefined) return stored;
  const { hash: _hash, prevHash: _prevHash, ...rest } = metadata as Record<string, unknown>;
  return canonicalize(rest) ?? 'null';
};

/**
 * The answer of `canonicalMetadata` for metadata as the hash chain stores it: the other keys in canonical order,
 * then `prevHash` and `hash` as plain strings. `JSON.stringify` writes it without taking the object apart.
 */
const storedChainForm = (metadata: Record<string, unknown>): string | undefined => {
  const { prevHash, hash } = metadata;
  if (typeof prevHash !== 'string' || typeof hash !== 'string' || !isPlain(metadata)) return undefined;
  let previous: string | undefined;
  let chainKeys = 0;
  for (const key in metadata) {
    if (!Object.hasOwn(metadata, key)) continue;
    if (chainKeys === 0 && key === 'prevHash') chainKeys = 1;
    else if (chainKeys === 1 && key === 'hash') chainKeys = 2;
    else if (chainKeys > 0 || key === '__proto__' || (previous !== undefined && previous > key)) return undefined;
    else if (!inKeyOrder(metadata[key])) return undefined;
    previous = key;
  }
  const text = JSON.stringify(metadata);
  const chain = `"prevHash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}`;
  if (chainKeys !== 2 || !text.endsWith(chain)) return undefined;
  const rest = text.length - chain.length;
  return rest === 1 ? '{}' : `${text.slice(0, rest - 1)}}`;
};

const isPlain = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
};

/**
 * Whether the value holds only JSON primitives, arrays and plain objects whose own keys enumerate in canonical
 * order: then `JSON.stringify` writes the canonical text. Stops at the first object out of order.
 */
const inKeyOrder = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return typeof value !== 'bigint';
  if (Array.isArray(value)) {
    for (const item of value) if (!inKeyOrder(item)) return false;
    return true;
  }
  if (!isPlain(value)) return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    // A property list makes JSON.stringify read `__proto__` through the prototype chain.
    if (key === '__proto__' || (previous !== undefined && previous > key)) return false;
    previous = key;
    if (!inKeyOrder((value as Record<string, unknown>)[key])) return false;
  }
  return true;
};

const NOT_PLAIN = Symbol('not plain');

/** Sorts in place by UTF-16 code units; an insertion sort for the few keys of an event object allocates nothing. */
const sortKeys = (keys: string[]): string[] => {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
};

/** A key that an object cannot keep in inserted order: integer-like keys enumerate first, `__proto__` is special. */
const reorderedKey = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return (first >= 0x30 && first <= 0x39) || key === '__proto__';
};

/**
 * A copy whose objects have their keys inserted in canonical order, or NOT_PLAIN when the value holds a bigint,
 * an object that is not plain, or a key an object would not keep in that order.
 */
const sortedCopy = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? NOT_PLAIN : value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = sortedCopy(value[i]);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      copy[i] = item;
    }
    return copy;
  }
  if (!isPlain(value)) return NOT_PLAIN;
  const keys = sortKeys(Object.keys(value));
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (reorderedKey(key)) return NOT_PLAIN;
    const item = sortedCopy((value as Record<string, unknown>)[key]);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = item;
  }
  return copy;
};

const slowCanonicalize = (value: unknown): string | undefined => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      return value === null ? 'null' : canonicalObject(value as object);
    default:
      return undefined;
  }
};

const canonicalObject = (value: object): string => {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return slowCanonicalize(toJSON.call(value)) ?? 'null';
  if (value instanceof Number || value instanceof String || value instanceof Boolean)
    return slowCanonicalize(value.valueOf()) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ','}${slowCanonicalize(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const keys = sortKeys(Object.keys(value));
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = slowCanonicalize((value as Record<string, unknown>)[key]);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
};
