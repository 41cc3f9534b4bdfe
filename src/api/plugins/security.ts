import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { RateLimitedError } from '../auth/errors.js';

export interface SecurityOptions {
  /** Origins allowed to call from a browser; empty: CORS off (no CORS headers, preflights are not answered). */
  corsOrigins: readonly string[];
  rateLimit: { windowMs: number; perIp: number; perIdentity: number };
  /** Route patterns never rate limited (probes); default `/health`, `/ready`. */
  rateLimitExempt?: readonly string[];
  /** helmet's Content-Security-Policy; turn off only where a page needs remote scripts (GraphiQL in development). */
  contentSecurityPolicy?: boolean;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const enforce = async (limiter: Limiter, request: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const result = await limiter(request);
  if (result.isAllowed) return;
  reply
    .header('x-ratelimit-limit', result.max)
    .header('x-ratelimit-remaining', result.remaining)
    .header('x-ratelimit-reset', result.ttlInSeconds);
  if (!result.isExceeded) return;
  reply.header('retry-after', String(Math.max(1, result.ttlInSeconds)));
  throw new RateLimitedError(`Too many requests; retry in ${Math.max(1, result.ttlInSeconds)} s`);
};

const CORS_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const CORS_HEADERS = 'authorization, content-type, if-match, x-api-key, x-request-id';
const CORS_EXPOSED = 'etag, location, retry-after, x-request-id';

/** CORS from an allow-list only: unknown origins get no CORS headers, so browsers refuse to read the answer. */
const registerCors = (app: FastifyInstance, origins: readonly string[]): void => {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined)
      return reply
        .header('access-control-allow-methods', CORS_METHODS)
        .header('access-control-allow-headers', CORS_HEADERS)
        .header('access-control-max-age', '600')
        .code(204)
        .send();
    reply.header('access-control-expose-headers', CORS_EXPOSED);
  });
};

/**
 * Security headers (helmet), CORS (off unless an allow-list is given) and rate limits: per IP in onRequest,
 * before authentication (so credential guessing is limited too), and per identity in preParsing, after the auth
 * plugin's onRequest hook and before the body is read. 429 answers are problem+json RATE_LIMITED with Retry-After.
 * Register it before the auth plugin.
 */
export const securityPlugin = fp<SecurityOptions>(
  async (app, options) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: options.contentSecurityPolicy ?? true,
      crossOriginResourcePolicy: { policy: options.corsOrigins.length > 0 ? 'cross-origin' : 'same-origin' },
    });
    registerCors(app, options.corsOrigins);
    await app.register(rateLimit, { global: false });
    const exempt = new Set(options.rateLimitExempt ?? ['/health', '/ready']);
    const isExempt = (request: FastifyRequest) => exempt.has(request.routeOptions.url ?? '');
    const { windowMs, perIp, perIdentity } = options.rateLimit;
    const byIp = app.createRateLimit({ max: perIp, timeWindow: windowMs });
    const byIdentity = app.createRateLimit({
      max: perIdentity,
      timeWindow: windowMs,
      keyGenerator: (request) => `${request.identity?.via}:${request.identity?.subject}`,
    });
    app.addHook('onRequest', async (request, reply) => {
      if (!isExempt(request)) await enforce(byIp, request, reply);
    });
    app.addHook('preParsing', async (request, reply) => {
      if (request.identity && !isExempt(request)) await enforce(byIdentity, request, reply);
    });
  },
  { name: 'security', fastify: '5.x' },
);
