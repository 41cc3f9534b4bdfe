import { createHmac, type KeyObject, sign } from 'node:crypto';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a compact JWS (HS256 with a secret; RS256/ES256 with a private key, for tests and tools). */
export const signJwt = (
  payload: Record<string, unknown>,
  signer: { alg: 'HS256'; secret: string } | { alg: 'RS256' | 'ES256'; key: KeyObject; kid?: string },
): string => {
  const header = { alg: signer.alg, typ: 'JWT', ...('kid' in signer && signer.kid ? { kid: signer.kid } : {}) };
  const input = `${encode(header)}.${encode(payload)}`;
  const signature =
    signer.alg === 'HS256'
      ? createHmac('sha256', signer.secret).update(input).digest()
      : sign(
          'sha256',
          Buffer.from(input),
          signer.alg === 'ES256' ? { key: signer.key, dsaEncoding: 'ieee-p1363' } : signer.key,
        );
  return `${input}.${signature.toString('base64url')}`;
};
