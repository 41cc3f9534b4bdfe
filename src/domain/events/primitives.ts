import { z } from 'zod';
import { IsoDate } from '../calendar/isoDate.js';
import { isValidHenkilotunnus } from '../identity/henkilotunnus.js';

/** One IsoDate for the whole domain: the type and its range rule live in calendar/isoDate.ts. */
export type { IsoDate } from '../calendar/isoDate.js';

export const IsoDateSchema = IsoDate.meta({
  description: 'Calendar date YYYY-MM-DD (Europe/Helsinki), years 1900–2199',
  example: '2026-03-31',
});

// DDMMYYCZZZQ; a lookalike is refused even when its check character is wrong. Domain §9.
const PERSONAL_IDENTITY_CODE_LIKE = /\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]/i;

export const containsPersonalIdentityCode = (text: string): boolean => PERSONAL_IDENTITY_CODE_LIKE.test(text);

const PERSONAL_IDENTITY_CODE_CANDIDATES = /\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]/g;

/**
 * Whether `text` holds a valid personal identity code (check character and date right). For opaque values such as
 * request and correlation ids, where a mere look-alike is common (about one random UUID in twenty).
 */
export const containsValidPersonalIdentityCode = (text: string): boolean =>
  [...text.toUpperCase().matchAll(PERSONAL_IDENTITY_CODE_CANDIDATES)].some((match) => isValidHenkilotunnus(match[0]));

const noPersonalIdentityCode = {
  message: 'Must not contain a personal identity code (henkilötunnus)',
};

/** An opaque id chosen by the integrator (staff, coach, service, statement case). */
export const ExternalIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/, 'Letters, digits and . _ : @ / -, at most 128 characters')
  .refine((value) => !containsPersonalIdentityCode(value), noPersonalIdentityCode);

export const MunicipalityCodeSchema = z
  .string()
  .regex(/^\d{3}$/, 'Statistics Finland 3-digit municipality code, e.g. "072"')
  .meta({ description: 'Statistics Finland municipality code (kuntanumero), 3 digits with leading zeros' });

/** ISO 639-1 (2 letters) or ISO 639-3 (3 letters), lower case: `fi`, `sv`, `se`, `smn`, `sms`, `ar`... */
export const LanguageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'ISO 639-1 or ISO 639-3 language code in lower case, e.g. "fi" or "smn"');

/** ISO 3166-1 alpha-2 country code, upper case: `FI`, `SE`, `UA`... */
export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code in upper case, e.g. "FI"');

export const FreeTextSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((value) => !containsPersonalIdentityCode(value), noPersonalIdentityCode);
