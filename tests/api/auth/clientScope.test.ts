import { describe, expect, it } from 'vitest';
import {
  type ClientAccess,
  type ClientScope,
  canAccessClient,
  decideClientAccess,
  readScopeOf,
} from '../../../src/api/auth/clientScope.js';
import type { Identity, Role } from '../../../src/api/auth/identity.js';

const OULU = 'trial-area:oulu';
const JKL = 'employment-area:jyvaskyla';
const TAMPERE = 'employment-area:tampere';

/** Transferred from Oulu (trial area) to Jyväskylä (employment area). */
const transferred: ClientScope = { responsibleOrganisation: JKL, organisationsInHistory: [OULU, JKL] };

const identity = (roles: Role[], organisations: string[]): Identity => ({
  subject: 's',
  roles,
  organisations,
  via: 'jwt',
});

type Relation = 'current' | 'previous' | 'other' | 'national' | 'national+current';
const organisationsOf: Record<Relation, string[]> = {
  current: [JKL],
  previous: [OULU],
  other: [TAMPERE],
  national: ['national'],
  'national+current': ['national', JKL],
};

// role × organisation relation × access → allowed
const matrix: Array<[Role, Relation, ClientAccess, boolean]> = [
  ['integrator', 'current', 'write', true],
  ['integrator', 'current', 'read', false],
  ['integrator', 'previous', 'write', false],
  ['integrator', 'other', 'write', false],
  ['integrator', 'national', 'write', false],
  ['integrator', 'national+current', 'write', true],
  ['reader', 'current', 'read', true],
  ['reader', 'current', 'write', false],
  ['reader', 'previous', 'read', true],
  ['reader', 'other', 'read', false],
  ['reader', 'national', 'read', true],
  ['reader', 'national', 'write', false],
  ['auditor', 'current', 'read', true],
  ['auditor', 'previous', 'read', true],
  ['auditor', 'other', 'read', false],
  ['auditor', 'national', 'read', true],
  ['auditor', 'current', 'write', false],
  ['admin', 'current', 'read', false],
  ['admin', 'current', 'write', false],
  ['admin', 'national', 'read', false],
];

describe('client authorisation matrix', () => {
  it.each(matrix)('%s of the %s organisation, %s → %s', (role, relation, access, allowed) => {
    expect(canAccessClient(identity([role], organisationsOf[relation]), transferred, access)).toBe(allowed);
  });

  it('covers every role × relation × access', () => {
    const roles: Role[] = ['integrator', 'reader', 'auditor', 'admin'];
    for (const role of roles)
      for (const relation of Object.keys(organisationsOf) as Relation[])
        for (const access of ['read', 'write'] as const) {
          const expected = matrix.find(([r, o, a]) => r === role && o === relation && a === access)?.[3];
          const actual = canAccessClient(identity([role], organisationsOf[relation]), transferred, access);
          if (expected !== undefined) expect(actual).toBe(expected);
          if (access === 'write') expect(actual).toBe(role === 'integrator' && organisationsOf[relation].includes(JKL));
          else expect(actual).toBe((role === 'reader' || role === 'auditor') && relation !== 'other');
        }
  });

  it('moves write access with a transfer; the previous organisation keeps reading', () => {
    const oulu = identity(['integrator', 'reader'], [OULU]);
    const jkl = identity(['integrator', 'reader'], [JKL]);
    const before: ClientScope = { responsibleOrganisation: OULU, organisationsInHistory: [OULU] };
    expect([canAccessClient(oulu, before, 'write'), canAccessClient(jkl, before, 'write')]).toEqual([true, false]);
    expect(canAccessClient(jkl, before, 'read')).toBe(false);
    expect([canAccessClient(oulu, transferred, 'write'), canAccessClient(jkl, transferred, 'write')]).toEqual([
      false,
      true,
    ]);
    expect([canAccessClient(oulu, transferred, 'read'), canAccessClient(jkl, transferred, 'read')]).toEqual([
      true,
      true,
    ]);
  });

  it('lets a route name other roles', () => {
    expect(canAccessClient(identity(['admin'], [JKL]), transferred, 'write', ['admin'])).toBe(true);
    expect(canAccessClient(identity(['admin'], [OULU]), transferred, 'write', ['admin'])).toBe(false);
  });
});

describe('decisions for clients that may not exist', () => {
  const integrator = identity(['integrator'], [JKL]);
  it.each([
    ['no role, existing client', identity(['admin'], [JKL]), transferred, 'write', {}, 'FORBIDDEN'],
    ['no role, unknown client', identity(['admin'], [JKL]), undefined, 'read', {}, 'FORBIDDEN'],
    ['unknown client, read', identity(['reader'], ['national']), undefined, 'read', {}, 'CLIENT_NOT_FOUND'],
    ['unknown client, write, no organisation', integrator, undefined, 'write', {}, 'CLIENT_NOT_FOUND'],
    ['new client in own organisation', integrator, undefined, 'write', { newClientOrganisation: JKL }, 'ALLOWED'],
    ['new client elsewhere', integrator, undefined, 'write', { newClientOrganisation: OULU }, 'FORBIDDEN'],
    ['existing client, other organisation', identity(['integrator'], [OULU]), transferred, 'write', {}, 'FORBIDDEN'],
  ] as const)('%s', (_name, who, scope, access, options, expected) => {
    const decision = decideClientAccess(who, scope, access, options);
    expect(decision.allowed ? 'ALLOWED' : decision.code).toBe(expected);
  });
});

describe('read scope for lists', () => {
  it('is everything for national readers, own organisations otherwise, nothing without a read role', () => {
    expect(readScopeOf(identity(['reader'], ['national', OULU]))).toEqual({ all: true });
    expect(readScopeOf(identity(['auditor'], [OULU, JKL]))).toEqual({ all: false, organisations: [OULU, JKL] });
    expect(readScopeOf(identity(['integrator'], ['national']))).toEqual({ all: false, organisations: [] });
  });
});
