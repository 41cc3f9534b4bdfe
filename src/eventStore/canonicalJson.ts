/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation for the JSON values the log stores:
 * object keys sorted by UTF-16 code units, no whitespace, numbers in ECMAScript shortest form
 * (which is what `JSON.stringify` produces for finite numbers). Used to compare event payloads
 * for idempotency and as the input of the hash chain.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number');
    if (typeof value === 'bigint') return value.toString();
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
};
