import { nthBusinessDayAfter } from '../../domain/calendar/businessDays.js';
import type { CaseloadDimension, ClientRow, ClientStatus } from '../../projections/readModels/readModelQueries.js';
import { clientReadAccess, listOrganisation, recordRead } from './access.js';
import type { ClientSource } from './clientResolvers.js';
import type { GraphqlContext } from './context.js';
import { viewKey } from './context.js';
import { ArgumentOutOfRangeError, InvalidPeriodError } from './errors.js';
import { deadlineFromRow, transferFromRow, trialBasis } from './nodes.js';
import type { OrganisationKindEnum } from './organisationNodes.js';
import { listOrganisations } from './organisationNodes.js';
import { clientCursor, deadlineCursor, pageRequest, toConnection, transferCursor } from './pagination.js';

interface Paged {
  first?: number | null;
  after?: string | null;
  minPosition?: bigint | null;
}
interface Dated {
  asOf?: string | null;
}
type Resolver<Args, Result> = (root: unknown, args: Args, context: GraphqlContext) => Promise<Result> | Result;

/** Waits for `minPosition` (argument or header), then resolves with `asOf` defaulted to today in Helsinki. */
const consistent =
  <Args extends Dated & { minPosition?: bigint | null }, Result>(
    resolve: (args: Args & { asOf: string }, context: GraphqlContext) => Result | Promise<Result>,
  ): Resolver<Args, Result> =>
  async (_root, args, context) => {
    await context.ensurePosition(args.minPosition);
    return resolve({ ...args, asOf: args.asOf ?? context.today }, context);
  };

const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

export const rowClient = (row: ClientRow, asOf: string): ClientSource => ({
  id: row.clientId,
  asOf,
  knownAt: null,
  row,
  view: null,
});

const MAX_BUSINESS_DAYS = 366;

export const queryResolvers = {
  client: consistent(
    async (args: { id: string; asOf: string; knownAt?: string | null }, context): Promise<ClientSource | null> => {
      const knownAt = args.knownAt ?? null;
      if ((await clientReadAccess(context, args.id)) === 'unknown') return null;
      const view = await context.views.load(viewKey(args.id, args.asOf, knownAt));
      if (view !== null) recordRead(context, 'Query.client', [view.clientId]);
      return view === null ? null : { id: view.clientId, asOf: args.asOf, knownAt, row: null, view };
    },
  ),

  caseload: consistent(
    (
      args: Paged & {
        asOf: string;
        organisation?: string | null;
        municipality?: string | null;
        coach?: string | null;
        basis?: string | null;
        status?: ClientStatus | null;
      },
      context,
    ) => {
      const page = pageRequest(args.first, args.after);
      const filter = {
        asOf: args.asOf,
        organisation: listOrganisation(context, args.organisation),
        municipality: optional(args.municipality),
        coach: optional(args.coach),
        basis: optional(args.basis),
        status: optional(args.status),
      };
      const found = context.services.queries.caseload(filter, page);
      recordRead(
        context,
        'Query.caseload',
        found.items.map((row) => row.clientId),
      );
      return toConnection(found, (row) => rowClient(row, args.asOf), clientCursor);
    },
  ),

  caseloadSummary: consistent(
    (args: { asOf: string; groupBy: CaseloadDimension[]; organisation?: string | null }, context) =>
      context.services.queries
        .caseloadSummary(args.groupBy, { asOf: args.asOf, organisation: listOrganisation(context, args.organisation) })
        .map((bucket) => ({ ...bucket, basis: trialBasis(bucket.basis) })),
  ),

  deadlineBreaches: consistent(
    (args: Paged & { asOf: string; organisation?: string | null; kind?: string | null }, context) => {
      const organisation = listOrganisation(context, args.organisation);
      const filter = { asOf: args.asOf, organisation, kind: optional(args.kind) };
      const page = context.services.queries.deadlineBreaches(filter, pageRequest(args.first, args.after));
      recordRead(
        context,
        'Query.deadlineBreaches',
        page.items.map((row) => row.clientId),
      );
      return toConnection(page, (row) => deadlineFromRow(row, args.asOf), deadlineCursor);
    },
  ),

  upcomingDeadlines: consistent(
    (
      args: Paged & { asOf: string; withinBusinessDays: number; organisation?: string | null; kind?: string | null },
      context,
    ) => {
      const { services } = context;
      const days = args.withinBusinessDays;
      if (days < 0 || days > MAX_BUSINESS_DAYS)
        throw new ArgumentOutOfRangeError('withinBusinessDays', days, 0, MAX_BUSINESS_DAYS);
      const dueBy = nthBusinessDayAfter(args.asOf, days, services.deadlineOptions?.calendar);
      const organisation = listOrganisation(context, args.organisation);
      const filter = { asOf: args.asOf, dueBy, organisation, kind: optional(args.kind) };
      const page = services.queries.upcomingDeadlines(filter, pageRequest(args.first, args.after));
      recordRead(
        context,
        'Query.upcomingDeadlines',
        page.items.map((row) => row.clientId),
      );
      return toConnection(page, (row) => deadlineFromRow(row, args.asOf), deadlineCursor);
    },
  ),

  transfersDue: consistent((args: Paged & { asOf: string; organisation?: string | null }, context) => {
    const filter = { asOf: args.asOf, organisation: listOrganisation(context, args.organisation) };
    const page = context.services.queries.transfersDue(filter, pageRequest(args.first, args.after));
    recordRead(
      context,
      'Query.transfersDue',
      page.items.map((row) => row.clientId),
    );
    return toConnection(page, (row) => transferFromRow(row, args.asOf), transferCursor);
  }),

  statistics: async (
    _root: unknown,
    args: { from: string; to: string; organisation?: string | null; minPosition?: bigint | null },
    context: GraphqlContext,
  ) => {
    if (args.from > args.to) throw new InvalidPeriodError(args.from, args.to);
    const organisation = listOrganisation(context, args.organisation);
    await context.ensurePosition(args.minPosition);
    const { from, to } = args;
    const figures = context.services.queries.statistics({ from, to, organisation });
    return { organisation: organisation ?? null, from, to, ...figures };
  },

  organisations: (_root: unknown, args: { kind?: OrganisationKindEnum | null }, { services }: GraphqlContext) =>
    listOrganisations(services.organisations).filter((node) => args.kind == null || node.kind === args.kind),

  projections: (_root: unknown, _args: unknown, { services }: GraphqlContext) => services.runner.status(),
};
