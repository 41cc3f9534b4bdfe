import type { FastifyReply, FastifyRequest } from 'fastify';
import { withChallenge } from './authPlugin.js';
import {
  type AccessDecision,
  type ClientAccess,
  type ClientScope,
  type DecideOptions,
  decideClientAccess,
} from './clientScope.js';
import { ClientNotVisibleError, ForbiddenError, unauthenticated } from './errors.js';
import type { Identity } from './identity.js';

/** The client's scope from the read models, or undefined when the client is unknown. */
export type ClientScopeLookup = (clientId: string) => ClientScope | undefined | Promise<ClientScope | undefined>;

export const errorOf = (decision: AccessDecision & { allowed: false }): Error =>
  decision.code === 'CLIENT_NOT_FOUND'
    ? new ClientNotVisibleError('No such client in your organisations')
    : new ForbiddenError('Your roles or organisations do not allow this for this client');

/** Organisation scoping for REST routes and GraphQL resolvers, backed by a look-up the caller provides. */
export const createClientAuthorizer = (lookup: ClientScopeLookup) => {
  const decide = async (
    identity: Identity,
    clientId: string,
    access: ClientAccess,
    options?: DecideOptions,
  ): Promise<AccessDecision> => decideClientAccess(identity, await lookup(clientId), access, options);

  /** Throws 401 without identity, 403 FORBIDDEN or 404 CLIENT_NOT_FOUND. */
  const assert = async (
    identity: Identity | null,
    clientId: string,
    access: ClientAccess,
    options?: DecideOptions,
  ): Promise<void> => {
    if (!identity) throw unauthenticated();
    const decision = await decide(identity, clientId, access, options);
    if (!decision.allowed) throw errorOf(decision);
  };

  /** The items whose client the caller may access, in order (for lists and subscription events). */
  const filter = async <T>(
    identity: Identity,
    items: readonly T[],
    clientIdOf: (item: T) => string,
    access: ClientAccess = 'read',
  ): Promise<T[]> => {
    const decisions = await Promise.all(items.map((item) => decide(identity, clientIdOf(item), access)));
    return items.filter((_, index) => decisions[index]?.allowed === true);
  };

  /** A REST preHandler for routes with a `:clientId` parameter. */
  const preHandler =
    (
      access: ClientAccess,
      options: {
        param?: string;
        newClientOrganisation?: (request: FastifyRequest) => string | undefined;
        /**
         * A write to an unknown client whose body names no organisation goes on to the handler, which refuses it
         * (bad input, or the domain's CLIENT_NOT_FOUND: only a registration can start a client's history).
         */
        deferUnknownClient?: boolean;
      } = {},
    ) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const clientId = (request.params as Record<string, string | undefined>)[options.param ?? 'clientId'];
      if (clientId === undefined) throw new Error(`route has no :${options.param ?? 'clientId'} parameter`);
      try {
        const newClientOrganisation = options.newClientOrganisation?.(request);
        if (
          options.deferUnknownClient &&
          access === 'write' &&
          newClientOrganisation === undefined &&
          request.identity
        ) {
          const decision = await decide(request.identity, clientId, access);
          if (!decision.allowed && decision.code === 'CLIENT_NOT_FOUND') return;
          if (!decision.allowed) throw errorOf(decision);
          return;
        }
        await assert(request.identity, clientId, access, { newClientOrganisation });
      } catch (error) {
        throw withChallenge(reply, error);
      }
    };

  return { decide, assert, filter, preHandler };
};

export type ClientAuthorizer = ReturnType<typeof createClientAuthorizer>;
