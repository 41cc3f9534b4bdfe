import { isValidHenkilotunnus } from '../../src/domain/identity/henkilotunnus.js';

const CANDIDATE = /(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![0-9A-Za-z])/g;

/** Valid personal identity codes (henkilötunnus, domain §9) found in `text`. */
export const identityCodesIn = (text: string): string[] =>
  [...text.matchAll(CANDIDATE)].map((match) => match[0]).filter(isValidHenkilotunnus);

const found: Array<{ where: string; code: string; context: string }> = [];

/** Scans a chunk of log output; any code found fails the test file (see identityCodeLogGuard.ts). */
export const scanLogText = (where: string, chunk: unknown): void => {
  const text =
    typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';
  if (text === '') return;
  for (const code of identityCodesIn(text)) {
    const at = text.indexOf(code);
    const context = text.slice(Math.max(0, at - 160), at + code.length + 40).replaceAll(code, '<CODE>');
    found.push({ where, code, context });
  }
};

/** Where codes were seen so far in this test file's process. */
export const identityCodesSeen = (): ReadonlyArray<{ where: string; code: string; context: string }> => found;

/** A pino destination that scans every line and drops it (keeps test output quiet at debug level). */
export const scanningLogStream = (where: string) => ({
  write: (line: string) => {
    scanLogText(where, line);
  },
});
