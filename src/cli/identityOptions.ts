import { ROLES, type Role } from '../api/auth/identity.js';
import { OrganisationIdSchema } from '../domain/events/organisation.js';
import { listOption } from './cliArgs.js';
import { UsageError } from './command.js';

/** `--roles a,b`: known roles only, at least one. */
export const rolesOption = (text: string | undefined): Role[] => {
  const list = listOption(text);
  const unknown = list.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (list.length === 0 || unknown.length > 0)
    throw new UsageError(`--roles takes a list of ${ROLES.join(', ')}; got ${JSON.stringify(text)}`);
  return list as Role[];
};

/** `--organisations a,b`: well-formed organisation ids only, at least one. */
export const organisationsOption = (text: string | undefined): string[] => {
  const list = listOption(text);
  const bad = list.filter((id) => !OrganisationIdSchema.safeParse(id).success);
  if (list.length === 0 || bad.length > 0)
    throw new UsageError(
      `--organisations takes organisation ids such as trial-area:oulu, employment-area:jyvaskyla or national; ` +
        `not ${bad.join(', ') || JSON.stringify(text)}`,
    );
  return list;
};
