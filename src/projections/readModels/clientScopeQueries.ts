import type { ReadModels } from '../runner/readModels.js';
import { CLIENTS_PROJECTION } from './clientsProjection.js';
import { idList } from './sqlVariants.js';

type Tables = 'clients' | 'client_segments';

/** Where a client belongs according to the read models (see src/api/auth/clientScope.ts). */
export interface ClientScopeRow {
  responsibleOrganisation: string;
  organisationsInHistory: string[];
}

/**
 * The current responsible organisation (clients) and every organisation ever responsible (client_segments) of
 * a list of clients, in one statement. Clients the read models do not know (yet) are absent from the map.
 */
export const clientScopeQueries = (readModels: ReadModels) => {
  const scopes = readModels.statement<Tables>(
    CLIENTS_PROJECTION,
    (t) => `SELECT c.client_id AS clientId, c.organisation AS organisation,
        (SELECT json_group_array(DISTINCT s.organisation) FROM ${t.client_segments} AS s
          WHERE s.client_id = c.client_id AND s.organisation IS NOT NULL) AS history
      FROM json_each(?) AS ids JOIN ${t.clients} AS c ON c.client_id = ids.value
      WHERE c.organisation IS NOT NULL`,
  );
  return {
    clientScopes(ids: readonly string[]): Map<string, ClientScopeRow> {
      const rows = scopes().all(idList(ids)) as Array<{ clientId: string; organisation: string; history: string }>;
      return new Map(
        rows.map((row) => {
          const history = JSON.parse(row.history) as string[];
          return [
            row.clientId,
            {
              responsibleOrganisation: row.organisation,
              organisationsInHistory: [...new Set([...history, row.organisation])],
            },
          ];
        }),
      );
    },
  };
};
