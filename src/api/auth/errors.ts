import { AppError } from '../../domain/errors.js';

/**
 * Authentication and authorisation failures. They carry an HTTP `statusCode` and a stable `code`, which the
 * shared error handler (`toProblem`) turns into problem+json; GraphQL copies `code` into `extensions.code`.
 * (`AppError` has no 401/403 kind, so these are not AppError subclasses.)
 */
export abstract class HttpAuthError extends Error {
  abstract readonly code: string;
  abstract readonly statusCode: number;
  override readonly name: string = this.constructor.name;
}

export type AuthenticationCode = 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' | 'TOKEN_INVALID';

/** 401: no credential, or one that cannot be trusted. The answer carries `WWW-Authenticate: Bearer`. */
export class AuthenticationError extends HttpAuthError {
  readonly statusCode = 401;
  constructor(
    readonly code: AuthenticationCode,
    message: string,
  ) {
    super(message);
  }
}

export const unauthenticated = (): AuthenticationError =>
  new AuthenticationError('UNAUTHENTICATED', 'A bearer token or an API key is required');
export const tokenInvalid = (reason: string): AuthenticationError =>
  new AuthenticationError('TOKEN_INVALID', `The credential is not valid: ${reason}`);
export const tokenExpired = (): AuthenticationError =>
  new AuthenticationError('TOKEN_EXPIRED', 'The token has expired');

/** 403: the caller is known but its roles or organisations do not allow this. */
export class ForbiddenError extends HttpAuthError {
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
}

/** 404 for a client the caller may not know about (or that does not exist): reveals nothing. */
export class ClientNotVisibleError extends AppError {
  readonly code = 'CLIENT_NOT_FOUND';
  readonly kind = 'notFound';
}

/** 503: the signing keys cannot be fetched and none are cached. */
export class SigningKeysUnavailableError extends AppError {
  readonly code = 'AUTH_KEYS_UNAVAILABLE';
  readonly kind = 'unavailable';
}

/** 429 from the rate limiter; `Retry-After` is set on the reply before it is thrown. */
export class RateLimitedError extends HttpAuthError {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
}
