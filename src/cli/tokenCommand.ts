import { signJwt } from '../api/auth/jwtSign.js';
import { DEFAULT_AUDIENCE, DEVELOPMENT_ISSUER } from '../api/auth/settings.js';

export interface DevelopmentTokenInput {
  /** LEDGER_JWT_HS256_SECRET; at least 32 characters. */
  secret: string;
  subject: string;
  roles: readonly string[];
  organisations: readonly string[];
  ttlSeconds: number;
  issuer?: string;
  audience?: string;
  /** Issue time; defaults to the wall clock (this is a command, not the domain). */
  now?: Date;
}

/** An HS256 JWT for local use; the server accepts it only outside production. */
export const issueDevelopmentToken = (input: DevelopmentTokenInput): string => {
  if (input.secret.length < 32) throw new Error('the HS256 secret must be at least 32 characters');
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds <= 0) throw new Error('ttlSeconds must be positive');
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1_000);
  return signJwt(
    {
      iss: input.issuer ?? DEVELOPMENT_ISSUER,
      aud: input.audience ?? DEFAULT_AUDIENCE,
      sub: input.subject,
      roles: [...input.roles],
      organisations: [...input.organisations],
      iat,
      nbf: iat,
      exp: iat + input.ttlSeconds,
    },
    { alg: 'HS256', secret: input.secret },
  );
};
