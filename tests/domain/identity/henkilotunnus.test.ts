import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidPersonalIdentityCode } from '../../../src/domain/identity/errors.js';
import {
  henkilotunnusCheckCharacter,
  isValidHenkilotunnus,
  parseHenkilotunnus,
  requireHenkilotunnus,
} from '../../../src/domain/identity/henkilotunnus.js';

const CHECK_ALPHABET = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const SIGNS_BY_CENTURY: Record<number, string[]> = {
  1800: ['+'],
  1900: ['-', 'Y', 'X', 'W', 'V', 'U'],
  2000: ['A', 'B', 'C', 'D', 'E', 'F'],
};

describe('parseHenkilotunnus', () => {
  it.each([
    ['131052-308T', '1952-10-13', 'FEMALE', false],
    ['010594Y9032', '1994-05-01', 'MALE', true],
    ['010594Y9021', '1994-05-01', 'FEMALE', true],
    ['020594X903P', '1994-05-02', 'MALE', true],
    ['030594W903B', '1994-05-03', 'MALE', true],
    ['040594V9030', '1994-05-04', 'MALE', true],
    ['050594U903M', '1994-05-05', 'MALE', true],
    ['010516B903X', '2016-05-01', 'MALE', true],
    ['020516C903K', '2016-05-02', 'MALE', true],
    ['030516D9037', '2016-05-03', 'MALE', true],
    ['010501E9032', '2001-05-01', 'MALE', true],
    ['020502E902X', '2002-05-02', 'FEMALE', true],
    ['020503F9037', '2003-05-02', 'MALE', true],
    ['020504A902E', '2004-05-02', 'FEMALE', true],
    ['020504B904H', '2004-05-02', 'FEMALE', true],
  ])('accepts %s', (code, birthDate, sex, isTemporary) => {
    expect(parseHenkilotunnus(code)).toEqual({ ok: true, value: { normalized: code, birthDate, sex, isTemporary } });
    expect(isValidHenkilotunnus(code)).toBe(true);
  });

  it.each([
    ['010190-999K', 'CHECK_CHARACTER'], // should be W
    ['300290-123X', 'DATE'],
    ['290200-0020', 'DATE'], // 1900 was not a leap year
    ['290200+0020', 'DATE'], // nor 1800
    ['320190-0021', 'DATE'],
    ['011390-0021', 'DATE'],
    ['010190-0001', 'INDIVIDUAL_NUMBER'],
    ['010190-0010', 'INDIVIDUAL_NUMBER'],
    ['010190Z002H', 'CENTURY_SIGN'],
    ['010190G002H', 'CENTURY_SIGN'],
    ['010190-002', 'FORMAT'],
    ['010190-0022X', 'FORMAT'],
    ['0101900-0022', 'FORMAT'],
    ['01019a-0021', 'FORMAT'],
    ['', 'FORMAT'],
    [42, 'FORMAT'],
    [null, 'FORMAT'],
  ])('refuses %j: %s', (code, reason) => {
    expect(parseHenkilotunnus(code)).toEqual({ ok: false, reason });
    expect(isValidHenkilotunnus(code)).toBe(false);
  });

  it('knows the right check character of the invalid example', () => {
    expect(henkilotunnusCheckCharacter('010190999')).toBe('W');
    expect(parseHenkilotunnus('010190-999W')).toMatchObject({ ok: true, value: { isTemporary: true } });
  });

  it('accepts the leap day of 2000 and normalises case and white space', () => {
    const code = `290200A002${henkilotunnusCheckCharacter('290200002')}`;
    expect(parseHenkilotunnus(` ${code.toLowerCase()} `)).toEqual({
      ok: true,
      value: { normalized: code, birthDate: '2000-02-29', sex: 'FEMALE', isTemporary: false },
    });
  });

  it('keeps the century sign in the identity: - and Y are different people', () => {
    const dash = requireHenkilotunnus('010594-9032');
    const y = requireHenkilotunnus('010594Y9032');
    expect(dash.normalized).not.toBe(y.normalized);
    expect(dash.birthDate).toBe(y.birthDate);
  });
});

describe('requireHenkilotunnus', () => {
  it('throws an error that never contains the code', () => {
    const code = '010190-999K';
    try {
      requireHenkilotunnus(code);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPersonalIdentityCode);
      const appError = error as InvalidPersonalIdentityCode;
      expect(appError.code).toBe('INVALID_PERSONAL_IDENTITY_CODE');
      expect(appError.kind).toBe('invalid');
      expect(appError.details).toEqual({ reason: 'CHECK_CHARACTER' });
      expect(`${appError.message} ${appError.stack} ${JSON.stringify(appError)}`).not.toContain('010190');
    }
  });
});

describe('properties', () => {
  const validCode = fc
    .record({
      day: fc.integer({ min: Date.UTC(1800, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 }),
      signIndex: fc.nat(),
      individual: fc.integer({ min: 2, max: 999 }),
    })
    .map(({ day, signIndex, individual }) => {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      const [year, month, dd] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
      const signs = SIGNS_BY_CENTURY[Math.floor(Number(year) / 100) * 100] ?? [];
      const sign = signs[signIndex % signs.length];
      const digits = `${dd}${month}${year.slice(2)}${String(individual).padStart(3, '0')}`;
      const check = CHECK_ALPHABET[Number(digits) % 31];
      return { code: `${digits.slice(0, 6)}${sign}${digits.slice(6)}${check}`, date, individual };
    });

  it('every generated valid code validates, with its birth date, sex and test flag', () => {
    fc.assert(
      fc.property(validCode, ({ code, date, individual }) => {
        expect(parseHenkilotunnus(code)).toEqual({
          ok: true,
          value: {
            normalized: code,
            birthDate: date,
            sex: individual % 2 === 1 ? 'MALE' : 'FEMALE',
            isTemporary: individual >= 900,
          },
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('every single-character change of the check character fails', () => {
    const others = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    fc.assert(
      fc.property(validCode, ({ code }) => {
        for (const replacement of others) {
          if (replacement === code[10]) continue;
          const changed = `${code.slice(0, 10)}${replacement}`;
          expect(isValidHenkilotunnus(changed)).toBe(false);
          expect(isValidHenkilotunnus(changed.toLowerCase())).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
