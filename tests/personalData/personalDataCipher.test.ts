import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, openPersonalData, sealPersonalData } from '../../src/personalData/personalDataCipher.js';

const key = randomBytes(64);
const person = { birthDate: '1987-04-12', homeMunicipality: '564', citizenship: 'SE' };

describe('personal data cipher', () => {
  it('round-trips the personal fields and hides them in the sealed form', () => {
    const sealed = sealPersonalData(key, 'client-a\nid-1', person);
    expect(isSealed(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('1987-04-12');
    expect(openPersonalData(key, 'client-a\nid-1', sealed)).toEqual(person);
  });

  it('seals the same event to the same bytes (idempotent retries) and different data under different nonces', () => {
    const once = sealPersonalData(key, 'client-a\nid-1', person);
    expect(sealPersonalData(key, 'client-a\nid-1', person)).toEqual(once);
    const other = sealPersonalData(key, 'client-a\nid-1', { ...person, homeMunicipality: '179' });
    expect(other.iv).not.toBe(once.iv);
    expect(sealPersonalData(key, 'client-a\nid-2', person).iv).not.toBe(once.iv);
  });

  it('refuses a sealed part that was altered, moved to another event, or opened with another key', () => {
    const sealed = sealPersonalData(key, 'client-a\nid-1', person);
    const body = Buffer.from(sealed.ct, 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => openPersonalData(key, 'client-a\nid-1', { ...sealed, ct: body.toString('base64') })).toThrow();
    expect(() => openPersonalData(key, 'client-a\nid-2', sealed)).toThrow();
    expect(() => openPersonalData(randomBytes(64), 'client-a\nid-1', sealed)).toThrow();
  });

  it('recognises only the sealed shape', () => {
    expect(isSealed(person)).toBe(false);
    expect(isSealed(null)).toBe(false);
    expect(isSealed({ $enc: 'other', iv: '', ct: '' })).toBe(false);
  });
});
