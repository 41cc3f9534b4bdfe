import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { requireRole } from './authPlugin.js';
import type { ClientAuthorizer } from './clientAuthorizer.js';
import type { ClientAccess } from './clientScope.js';
import type { Role } from './identity.js';

/** Who may call one route: any of `roles`, and, for routes with `:clientId`, the organisation rule for `client`. */
export interface RoutePolicy {
  roles: readonly Role[];
  client?: ClientAccess;
  /** For client writes: the organisation a brand-new client's first events make responsible. */
  newClientOrganisation?: (request: FastifyRequest) => string | undefined;
  /** For client writes: let a write to an unknown client that names no organisation reach the handler. */
  deferUnknownClient?: boolean;
}

/** Keyed by `METHOD /full/route/pattern`, e.g. `POST /v1/clients/:clientId/events`. */
export type RoutePolicies = Readonly<Record<string, RoutePolicy>>;

export class MissingRoutePolicyError extends Error {
  override readonly name = 'MissingRoutePolicyError';
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Fails closed: every route registered in `scope` after this call must have a policy, or start-up fails. The
 * role check and the client check run first among the route's preHandlers. HEAD routes follow their GET policy.
 */
export const enforceRoutePolicies = (
  scope: FastifyInstance,
  policies: RoutePolicies,
  authorizer?: ClientAuthorizer,
): void => {
  scope.addHook('onRoute', (route) => {
    const keys = [...new Set(asArray(route.method).map((method) => (method === 'HEAD' ? 'GET' : method)))].map(
      (method) => `${method} ${route.url}`,
    );
    const found = keys.map((key) => policies[key]);
    const policy = found[0];
    if (!policy || found.some((other) => other !== policy))
      throw new MissingRoutePolicyError(`no single authorisation policy for ${keys.join(', ')}`);
    const checks: preHandlerAsyncHookHandler[] = [requireRole(...policy.roles)];
    if (policy.client) {
      if (!authorizer) throw new MissingRoutePolicyError(`${keys.join(', ')} needs a client authorizer`);
      checks.push(
        authorizer.preHandler(policy.client, {
          ...(policy.newClientOrganisation ? { newClientOrganisation: policy.newClientOrganisation } : {}),
          ...(policy.deferUnknownClient ? { deferUnknownClient: true } : {}),
        }),
      );
    }
    route.preHandler = [...checks, ...asArray(route.preHandler)];
  });
};
