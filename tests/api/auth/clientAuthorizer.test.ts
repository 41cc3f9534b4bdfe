import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { isPublicRoute } from '../../../src/api/auth/authPlugin.js';
import { createClientAuthorizer } from '../../../src/api/auth/clientAuthorizer.js';
import type { ClientScope } from '../../../src/api/auth/clientScope.js';
import type { Identity } from '../../../src/api/auth/identity.js';
import { enforceRoutePolicies, MissingRoutePolicyError } from '../../../src/api/auth/routePolicy.js';

const OULU = 'trial-area:oulu';
const JKL = 'employment-area:jyvaskyla';
const scopes: Record<string, ClientScope> = {
  a: { responsibleOrganisation: OULU, organisationsInHistory: [OULU] },
  b: { responsibleOrganisation: JKL, organisationsInHistory: [OULU, JKL] },
  c: { responsibleOrganisation: JKL, organisationsInHistory: [JKL] },
};
const authorizer = createClientAuthorizer(async (clientId) => scopes[clientId]);
const who = (roles: Identity['roles'], organisations: string[]): Identity => ({
  subject: 's',
  roles,
  organisations,
  via: 'jwt',
});

describe('client authorizer (for REST and GraphQL resolvers)', () => {
  it('filters a list to the clients the caller may read, in order', async () => {
    const items = ['c', 'a', 'x', 'b'].map((clientId) => ({ clientId }));
    const visible = await authorizer.filter(who(['reader'], [OULU]), items, (item) => item.clientId);
    expect(visible.map((item) => item.clientId)).toEqual(['a', 'b']);
  });

  it('throws 401, 403 or 404 with stable codes', async () => {
    await expect(authorizer.assert(null, 'a', 'read')).rejects.toMatchObject({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
    });
    await expect(authorizer.assert(who(['reader'], [JKL]), 'a', 'read')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(authorizer.assert(who(['reader'], [JKL]), 'x', 'read')).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
    });
    await expect(authorizer.assert(who(['integrator'], [JKL]), 'b', 'write')).resolves.toBeUndefined();
  });
});

describe('public routes', () => {
  it.each([
    ['/health', true],
    ['/docs/static/*', true],
    ['/docs', true],
    ['/healthz', false],
    ['/v1/events', false],
    [undefined, false],
  ])('%s public: %s', (url, expected) => {
    expect(isPublicRoute(url, ['/health', '/docs'])).toBe(expected);
  });
});

describe('route policies', () => {
  it('fail closed: a route without a policy stops start-up', async () => {
    const app = Fastify();
    const boot = async () => {
      await app.register(async (scope) => {
        enforceRoutePolicies(scope, { 'GET /listed': { roles: ['reader'] } });
        scope.get('/listed', async () => 'ok');
        scope.get('/forgotten', async () => 'ok');
      });
      await app.ready();
    };
    await expect(boot()).rejects.toBeInstanceOf(MissingRoutePolicyError);
    await app.close();
  });
});
