import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Authenticator, Credentials } from './authenticator.js';
import { AuthenticationError, ForbiddenError, unauthenticated } from './errors.js';
import { hasAnyRole, type Identity, type Role } from './identity.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; null only on public routes. */
    identity: Identity | null;
  }
}

export interface AuthPluginOptions {
  authenticator: Authenticator;
  /** Route prefixes that answer without an identity (`/docs` covers `/docs/*`). */
  publicPaths: readonly string[];
  /**
   * Routes whose WebSocket upgrades may arrive without a credential: the protocol authenticates them itself
   * (GraphQL `connection_init`). An upgrade that does carry a credential is still checked here.
   */
  websocketPaths?: readonly string[];
}

const isBareUpgrade = (request: FastifyRequest, paths: readonly string[] | undefined): boolean =>
  paths?.includes(request.routeOptions.url ?? '') === true &&
  request.headers.upgrade?.toLowerCase() === 'websocket' &&
  request.headers.authorization === undefined &&
  request.headers['x-api-key'] === undefined;

/** `/health`, `/ready`, the docs and, when `metricsPublic`, `/metrics`. */
export const defaultPublicPaths = (metricsPublic: boolean): string[] => [
  '/health',
  '/ready',
  '/docs',
  '/openapi.json',
  ...(metricsPublic ? ['/metrics'] : []),
];

/** Public by the matched route pattern, never by the raw URL (`/health/../v1/events` cannot slip through). */
export const isPublicRoute = (routeUrl: string | undefined, publicPaths: readonly string[]): boolean =>
  routeUrl !== undefined && publicPaths.some((path) => routeUrl === path || routeUrl.startsWith(`${path}/`));

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

export const credentialsOf = (request: FastifyRequest): Credentials => ({
  authorization: header(request.headers.authorization),
  apiKey: header(request.headers['x-api-key']),
});

/** RFC 6750 § 3 challenge. */
const challenge = (error: AuthenticationError): string =>
  error.code === 'UNAUTHENTICATED'
    ? 'Bearer realm="jobseeker-ledger"'
    : `Bearer realm="jobseeker-ledger", error="invalid_token", error_description="${error.code === 'TOKEN_EXPIRED' ? 'expired' : 'invalid'}"`;

/** Sets `WWW-Authenticate` for a 401 before it reaches the error handler. */
export const withChallenge = (reply: FastifyReply, error: unknown): unknown => {
  if (error instanceof AuthenticationError) reply.header('www-authenticate', challenge(error));
  return error;
};

/**
 * Authenticates every request except public routes (onRequest, before the body is read) and exposes the caller as
 * `request.identity`. Register it before the routes and after the security plugin.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, options) => {
    app.decorateRequest('identity', null);
    app.addHook('onRequest', async (request, reply) => {
      if (isPublicRoute(request.routeOptions.url, options.publicPaths)) return;
      if (isBareUpgrade(request, options.websocketPaths)) return;
      try {
        request.identity = await options.authenticator.authenticate(credentialsOf(request));
      } catch (error) {
        throw withChallenge(reply, error);
      }
    });
  },
  { name: 'auth', fastify: '5.x' },
);

/** A preHandler (or onRequest hook after `authPlugin`) that lets through callers with at least one of `roles`. */
export const requireRole =
  (...roles: Role[]) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const identity = request.identity;
    if (!identity) throw withChallenge(reply, unauthenticated());
    if (!hasAnyRole(identity, roles)) throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`);
  };
