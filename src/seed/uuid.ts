import type { Random } from './random.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const hex16 = (word: number): string => (HEX[(word >>> 8) & 0xff] as string) + (HEX[word & 0xff] as string);

const draw = (random: Random): string => {
  const a = random.uint32();
  const b = random.uint32();
  const c = random.uint32();
  const d = random.uint32();
  return `${hex16(a >>> 16)}${hex16(a)}-${hex16(b >>> 16)}-${hex16((b & 0x0fff) | 0x4000)}-${hex16(((c >>> 16) & 0x3fff) | 0x8000)}-${hex16(c)}${hex16(d >>> 16)}${hex16(d)}`;
};

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * `containsPersonalIdentityCode` (/\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]/i) for the characters a UUID can hold
 * (0-9, a-f, -), without a regular expression: six digits, `-` or a–f, three digits, then a hex digit.
 */
export const uuidLooksLikePersonalIdentityCode = (uuid: string): boolean => {
  let run = 0;
  for (let i = 0; i + 4 < uuid.length; i++) {
    if (isDigit(uuid.charCodeAt(i))) {
      run++;
      continue;
    }
    if (
      run >= 6 &&
      isDigit(uuid.charCodeAt(i + 1)) &&
      isDigit(uuid.charCodeAt(i + 2)) &&
      isDigit(uuid.charCodeAt(i + 3)) &&
      uuid.charCodeAt(i + 4) !== 45
    )
      return true;
    run = 0;
  }
  return false;
};

/**
 * A version-4 UUID from the generator's stream. One that happens to look like a personal identity code
 * (six digits, a century sign, three digits and a check character: about one UUID in seven) is drawn again,
 * so that a scan of the data for henkilötunnus-shaped text finds nothing (domain.md §9).
 */
export const randomUuid = (random: Random): string => {
  for (;;) {
    const uuid = draw(random);
    if (!uuidLooksLikePersonalIdentityCode(uuid)) return uuid;
  }
};
