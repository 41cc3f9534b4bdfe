/**
 * RFC 8785 canonical JSON, written for speed on the append and verification paths; for JSON values it
 * produces exactly what `canonicalJson` (src/eventStore/canonicalJson.ts) produces, which a property test
 * checks. For other input it follows `JSON.stringify` (toJSON, undefined and functions dropped, non-finite
 * numbers as null, bigint refused), so the text is the canonical form of what a JSON store holds.
 */
export const canonicalize = (value: unknown): string | undefined => {
  const order = keyOrder(value);
  if (order === 'sorted') return JSON.stringify(value);
  if (order === 'other') return slowCanonicalize(value);
  const keys = new Set<string>();
  collectKeys(value, keys);
  return JSON.stringify(value, [...keys].sort());
};

type KeyOrder = 'sorted' | 'unsorted' | 'other';

/**
 * Whether every object in a JSON-like value already has its keys in canonical order (then JSON.stringify is
 * canonical), or not, or holds values whose serialisation JSON.stringify decides itself (toJSON, boxed primitives).
 */
const keyOrder = (value: unknown): KeyOrder => {
  if (typeof value !== 'object' || value === null) return 'sorted';
  let order: KeyOrder = 'sorted';
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = keyOrder(item);
      if (inner === 'other') return inner;
      if (inner === 'unsorted') order = inner;
    }
    return order;
  }
  // A property list makes JSON.stringify read inherited properties too (`__proto__`, class getters).
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return 'other';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return 'other';
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key === '__proto__') return 'other';
    if (previous !== undefined && previous > key) order = 'unsorted';
    previous = key;
    const inner = keyOrder((value as Record<string, unknown>)[key]);
    if (inner === 'other') return inner;
    if (inner === 'unsorted') order = inner;
  }
  return order;
};

/** Every object key in a value. JSON.stringify with their sorted list writes each object's keys in that order. */
const collectKeys = (value: unknown, keys: Set<string>): void => {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys);
    return;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    keys.add(key);
    collectKeys((value as Record<string, unknown>)[key], keys);
  }
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
  const keys = Object.keys(value);
  if (!isSorted(keys)) keys.sort();
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

const isSorted = (keys: readonly string[]): boolean => {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
};

/** Canonical JSON of a metadata object without the hash-chain keys `prevHash` and `hash`. */
export const canonicalMetadata = (metadata: object): string => {
  if (!('hash' in metadata) && !('prevHash' in metadata)) return canonicalize(metadata) ?? 'null';
  const { hash: _hash, prevHash: _prevHash, ...rest } = metadata as Record<string, unknown>;
  return canonicalize(rest) ?? 'null';
};
