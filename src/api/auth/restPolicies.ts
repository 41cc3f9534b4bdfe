import type { RoutePolicies } from './routePolicy.js';

/** Who may call each REST route, and whether the client's organisation scope applies (issue 7). */
export const restPolicies: RoutePolicies = {
  'POST /v1/clients/:clientId/events': {
    roles: ['integrator'],
    client: 'write',
    newClientOrganisation: (request) =>
      (request.body as { events?: Array<{ data?: { registeredBy?: string } }> } | undefined)?.events?.[0]?.data
        ?.registeredBy,
    deferUnknownClient: true,
  },
  'GET /v1/clients/:clientId/events': { roles: ['reader', 'auditor'], client: 'read' },
  'GET /v1/clients/:clientId/state': { roles: ['reader', 'auditor'], client: 'read' },
  'GET /v1/clients/:clientId/timeline': { roles: ['reader', 'auditor'], client: 'read' },
  'GET /v1/events': { roles: ['auditor'] },
  'POST /v1/identities': { roles: ['integrator'] },
  'POST /v1/events/import': { roles: ['admin'] },
  'GET /v1/audit/verify': { roles: ['auditor'] },
  'GET /v1/audit/export': { roles: ['auditor'] },
  'GET /v1/audit/access': { roles: ['auditor'] },
  'DELETE /v1/clients/:clientId/personal-data': { roles: ['admin'] },
};
