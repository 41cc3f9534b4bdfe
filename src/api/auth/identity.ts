import { OrganisationIdSchema } from '../../domain/events/organisation.js';

export const ROLES = ['integrator', 'reader', 'auditor', 'admin'] as const;
/** integrator: post events; reader: query; auditor: replay, verify, export, access log; admin: erasure, rebuild. */
export type Role = (typeof ROLES)[number];

/** Who is calling, established once per request by the auth plugin. */
export interface Identity {
  subject: string;
  roles: readonly Role[];
  /** Organisation ids the caller acts for, e.g. `trial-area:oulu`, `te-office:keski-suomi` or `national`. */
  organisations: readonly string[];
  via: 'jwt' | 'apiKey';
}

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Known roles only: a token may carry roles of other applications, which grant nothing here. */
export const rolesFrom = (value: unknown): Role[] => (Array.isArray(value) ? [...new Set(value.filter(isRole))] : []);

/** Well-formed organisation ids only (least privilege: anything else grants nothing). */
export const organisationsFrom = (value: unknown): string[] =>
  Array.isArray(value)
    ? [
        ...new Set(
          value.filter(
            (item): item is string => typeof item === 'string' && OrganisationIdSchema.safeParse(item).success,
          ),
        ),
      ]
    : [];

export const hasAnyRole = (identity: Identity, roles: readonly Role[]): boolean =>
  roles.some((role) => identity.roles.includes(role));
