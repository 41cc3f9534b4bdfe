import { hasAnyRole, type Identity, type Role } from './identity.js';

export const NATIONAL = 'national';

/** Where a client belongs: the organisation responsible now, and every organisation ever responsible. */
export interface ClientScope {
  responsibleOrganisation: string;
  organisationsInHistory: readonly string[];
}

export type ClientAccess = 'read' | 'write';

/** Roles that may read or write client data at all; the organisation rules come on top. */
export const ACCESS_ROLES: Readonly<Record<ClientAccess, readonly Role[]>> = {
  write: ['integrator'],
  read: ['reader', 'auditor'],
};

/**
 * Whether `identity` may read or write a client. Writes: only the organisation responsible at the time of the
 * request (a transfer moves the client to the new scope; `national` alone writes nothing). Reads: the responsible
 * organisation, any organisation responsible earlier and `national`; an earlier organisation then reads only the
 * history it wrote, which the handlers cut from the stream (historyScope.ts).
 */
export const canAccessClient = (
  identity: Identity,
  scope: ClientScope,
  access: ClientAccess,
  roles: readonly Role[] = ACCESS_ROLES[access],
): boolean => {
  if (!hasAnyRole(identity, roles)) return false;
  const own = (organisation: string) => identity.organisations.includes(organisation);
  if (own(scope.responsibleOrganisation)) return true;
  if (access === 'write') return false;
  return own(NATIONAL) || scope.organisationsInHistory.some(own);
};

export type AccessDecision = { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'CLIENT_NOT_FOUND' };

export interface DecideOptions {
  /** For a write to a client with no history yet: the organisation its first events make responsible. */
  newClientOrganisation?: string | undefined;
  roles?: readonly Role[];
}

/**
 * The decision for a client that may not exist (`scope` undefined): role first (so callers without the role
 * cannot probe which clients exist), then the organisation rules. Unknown clients are CLIENT_NOT_FOUND, except a
 * write that creates the client in one of the caller's organisations.
 */
export const decideClientAccess = (
  identity: Identity,
  scope: ClientScope | undefined,
  access: ClientAccess,
  options: DecideOptions = {},
): AccessDecision => {
  const roles = options.roles ?? ACCESS_ROLES[access];
  if (!hasAnyRole(identity, roles)) return { allowed: false, code: 'FORBIDDEN' };
  if (scope === undefined) {
    const created = access === 'write' ? options.newClientOrganisation : undefined;
    if (created === undefined) return { allowed: false, code: 'CLIENT_NOT_FOUND' };
    return identity.organisations.includes(created) ? { allowed: true } : { allowed: false, code: 'FORBIDDEN' };
  }
  return canAccessClient(identity, scope, access, roles) ? { allowed: true } : { allowed: false, code: 'FORBIDDEN' };
};

/**
 * What a list query may show, to filter in the read model before counting (no leak through `totalCount`):
 * everything, or clients whose responsible or earlier organisation is among `organisations`.
 */
export type ReadScope = { all: true } | { all: false; organisations: readonly string[] };

export const readScopeOf = (identity: Identity, roles: readonly Role[] = ACCESS_ROLES.read): ReadScope => {
  if (!hasAnyRole(identity, roles)) return { all: false, organisations: [] };
  return identity.organisations.includes(NATIONAL)
    ? { all: true }
    : { all: false, organisations: identity.organisations };
};
