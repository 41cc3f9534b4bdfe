import { ForbiddenError, unauthenticated } from '../auth/errors.js';
import { hasAnyRole, type Identity, type Role } from '../auth/identity.js';
import type { GraphqlContext } from './context.js';

/** Who may run GraphQL operations at all; the organisation rules come on top. */
export const GRAPHQL_ROLES: readonly Role[] = ['reader', 'auditor', 'admin'];

export const requireReader = (identity: Identity | null | undefined): Identity => {
  if (!identity) throw unauthenticated();
  if (!hasAnyRole(identity, GRAPHQL_ROLES))
    throw new ForbiddenError(`GraphQL needs one of the roles: ${GRAPHQL_ROLES.join(', ')}`);
  return identity;
};

const isNational = (identity: Identity): boolean => identity.organisations.includes('national');

/**
 * The organisation a list query is restricted to: whatever was asked (or nothing) for a national caller; else the
 * asked organisation when it is the caller's, or the caller's only organisation when none was asked. A caller
 * with several organisations must name one, so counts never include other organisations' clients.
 */
export const listOrganisation = (context: GraphqlContext, requested: string | null | undefined): string | undefined => {
  const identity = requireReader(context.identity);
  if (isNational(identity)) return requested ?? undefined;
  const own = identity.organisations;
  if (requested != null) {
    if (!own.includes(requested)) throw new ForbiddenError(`You do not act for ${requested}`);
    return requested;
  }
  if (own.length === 1) return own[0];
  throw new ForbiddenError(
    own.length === 0
      ? 'Your credential names no organisation'
      : `Pass the organisation argument: one of ${own.join(', ')}`,
  );
};

/** Subscription events and nested nodes: national sees all, others the organisations they act for. */
export const inScope = (identity: Identity | null | undefined, organisations: ReadonlyArray<string | null>): boolean =>
  identity != null &&
  hasAnyRole(identity, GRAPHQL_ROLES) &&
  (isNational(identity) || organisations.some((o) => o !== null && identity.organisations.includes(o)));

/** The caller's read access to a client, remembered in the context's recording (a cached answer checks it again). */
const decideRead = async (context: GraphqlContext, identity: Identity, clientId: string) => {
  const decision = await context.services.authorizer.decide(identity, clientId, 'read', { roles: GRAPHQL_ROLES });
  if (context.recording.cacheable) context.recording.access.set(clientId, decision.allowed ? 'allowed' : decision.code);
  return decision;
};

/** 'allowed', 'unknown' (no such client: the field is null) or throws FORBIDDEN for another organisation's client. */
export const clientReadAccess = async (context: GraphqlContext, clientId: string): Promise<'allowed' | 'unknown'> => {
  const identity = requireReader(context.identity);
  const decision = await decideRead(context, identity, clientId);
  if (decision.allowed) return 'allowed';
  if (decision.code === 'CLIENT_NOT_FOUND') return 'unknown';
  throw new ForbiddenError('Your roles or organisations do not allow this for this client');
};

/** Whether a nested client (Deadline.client, TransferDue.client) may be shown; null is shown otherwise. */
export const nestedClientVisible = async (context: GraphqlContext, clientId: string): Promise<boolean> => {
  const identity = context.identity;
  if (!identity) return false;
  return (await decideRead(context, identity, clientId)).allowed;
};

/** Records that the caller read these clients' data through `operation` (e.g. `Query.caseload`). */
export const recordRead = (context: GraphqlContext, operation: string, clientIds: readonly string[]): void => {
  context.services.accessLog.record(context.identity, clientIds, operation);
  if (context.recording.cacheable && clientIds.length > 0) context.recording.reads.push({ operation, clientIds });
};
