import { type IsoDate, isoDateOf, isValidCalendarDate } from '../calendar/isoDate.js';
import { InvalidPersonalIdentityCode } from './errors.js';

/**
 * The personal identity code (henkilötunnus) `DDMMYYCZZZQ` (domain.md §9). A direct identifier: keep it out
 * of events, stream names, URLs, logs and read models, and out of error messages.
 */
export interface Henkilotunnus {
  /** Upper-case, 11 characters: the identity key (`-` and `Y` with the same digits are different people). */
  readonly normalized: string;
  readonly birthDate: IsoDate;
  /** From the individual number: odd = male, even = female. */
  readonly sex: 'MALE' | 'FEMALE';
  /** Individual number 900–999: a temporary or test code. */
  readonly isTemporary: boolean;
}

export type HenkilotunnusFailure = 'FORMAT' | 'CENTURY_SIGN' | 'DATE' | 'INDIVIDUAL_NUMBER' | 'CHECK_CHARACTER';

export type HenkilotunnusResult =
  | { readonly ok: true; readonly value: Henkilotunnus }
  | { readonly ok: false; readonly reason: HenkilotunnusFailure };

const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Century signs: `+` 1800s; `-`, `Y`, `X`, `W`, `V`, `U` 1900s; `A`–`F` 2000s (the letters since 2023). */
const CENTURY_BY_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

const SHAPE = /^(\d{2})(\d{2})(\d{2})(.)(\d{3})([0-9A-Z])$/;

/** The check character of the nine digits DDMMYYZZZ: their value mod 31, indexed into the check alphabet. */
export const henkilotunnusCheckCharacter = (digits: string): string => CHECK_CHARACTERS.charAt(Number(digits) % 31);

const failure = (reason: HenkilotunnusFailure): HenkilotunnusResult => ({ ok: false, reason });

/**
 * Validates a henkilötunnus: shape, century sign, birth date (leap years by century), individual number
 * (002–899 real, 900–999 temporary; 000 and 001 invalid) and check character. Lower-case input and
 * surrounding white space are accepted and normalised.
 */
export const parseHenkilotunnus = (code: unknown): HenkilotunnusResult => {
  if (typeof code !== 'string') return failure('FORMAT');
  const normalized = code.trim().toUpperCase();
  const parts = SHAPE.exec(normalized);
  if (!parts) return failure('FORMAT');
  const [, day = '', month = '', yearInCentury = '', sign = '', individual = '', check = ''] = parts;
  const century = CENTURY_BY_SIGN[sign];
  if (century === undefined) return failure('CENTURY_SIGN');
  const year = century + Number(yearInCentury);
  if (!isValidCalendarDate(year, Number(month), Number(day))) return failure('DATE');
  const individualNumber = Number(individual);
  if (individualNumber < 2) return failure('INDIVIDUAL_NUMBER');
  if (henkilotunnusCheckCharacter(`${day}${month}${yearInCentury}${individual}`) !== check)
    return failure('CHECK_CHARACTER');
  return {
    ok: true,
    value: {
      normalized,
      birthDate: isoDateOf(year, Number(month), Number(day)),
      sex: individualNumber % 2 === 1 ? 'MALE' : 'FEMALE',
      isTemporary: individualNumber >= 900,
    },
  };
};

export const isValidHenkilotunnus = (code: unknown): boolean => parseHenkilotunnus(code).ok;

/** Like parseHenkilotunnus, but throws InvalidPersonalIdentityCode (which never repeats the code). */
export const requireHenkilotunnus = (code: unknown): Henkilotunnus => {
  const result = parseHenkilotunnus(code);
  if (!result.ok) throw new InvalidPersonalIdentityCode(result.reason);
  return result.value;
};
