import type { Calendar } from '../../domain/calendar/businessDays.js';
import type { PolicyTable } from '../../domain/policies/deadlinePolicy.js';
import type { DomainSettings } from '../../domain/policies/settings.js';
import type { Organisations } from '../../domain/reference/referenceData.js';

/** What the read-model projections need from the domain; all but `organisations` have defaults. */
export interface ReadModelDeps {
  organisations: Organisations;
  settings?: DomainSettings;
  policies?: PolicyTable;
  calendar?: Calendar;
  /**
   * Deadlines are derived as of the client's latest known date (latest fact or recording date) plus this
   * many months, so every clock that starts by then has its row. Default 12.
   */
  horizonMonths?: number;
  /**
   * How many clients' folded histories stay in memory between batches (default 2,000, about 5 KB each); the others
   * are kept in an internal table or folded again from the log.
   */
  rememberedClients?: number;
}
