import { type ClientState, initialState } from '../../domain/client/state.js';
import { planStatusOn } from '../../domain/deadlines/planStatus.js';
import type { ClientRow } from '../../projections/readModels/readModelQueries.js';
import type { ClientView } from './clientView.js';
import { type GraphqlContext, viewKey } from './context.js';
import { type DeadlineNode, deadlineFromRow, deadlineState, trialBasis } from './nodes.js';
import { municipalityNode } from './organisationNodes.js';
import { timelineOf } from './timeline.js';

/**
 * The parent of every `Client` field: derived from the stream (`view`, for `client(id)`) or a read-model row
 * (`row`, for list nodes). Row-based clients load the stream only for fields the read models do not hold
 * (transferDue, history, timeline), batched per request.
 */
export interface ClientSource {
  id: string;
  asOf: string;
  knownAt: string | null;
  row: ClientRow | null;
  view: ClientView | null;
}

type Field<Result, Args = Record<string, never>> = (
  source: ClientSource,
  args: Args,
  context: GraphqlContext,
) => Result | Promise<Result>;

const fullView = async (source: ClientSource, context: GraphqlContext): Promise<ClientView | null> =>
  source.view ?? (await context.views.load(viewKey(source.id, source.asOf, source.knownAt)));

/** The plan status the domain gives for the row's dates (job-search start, latest plan) on `asOf`. */
const planFromRow = (row: ClientRow, asOf: string, context: GraphqlContext) => {
  const startedOn = row.jobSearchStartedOn;
  if (startedOn === null) return { upToDate: null, latestPlanOn: row.latestPlanOn, dueOn: null };
  const state: ClientState = {
    ...initialState,
    jobSearches: [{ startedOn, endedOn: row.jobSearchEndedOn, endReason: null, lastFactOn: startedOn }],
    plans:
      row.latestPlanOn === null
        ? []
        : [{ kind: 'REVIEWED', on: row.latestPlanOn, planType: 'EMPLOYMENT', jobSearchObligationPerMonth: 0 }],
  };
  const status = planStatusOn(state, asOf, context.services.deadlineOptions);
  return {
    upToDate: status?.upToDate ?? null,
    latestPlanOn:
      status?.latestPlanOn ?? (row.latestPlanOn !== null && row.latestPlanOn <= asOf ? row.latestPlanOn : null),
    dueOn: status?.dueOn ?? null,
  };
};

const responsibility: Field<unknown> = ({ row, view }, _args, { services }) => {
  if (view !== null) {
    const found = view.responsibility;
    if (found === null) return null;
    return { ...found, organisation: services.organisation(found.organisation), basis: trialBasis(found.basis) };
  }
  if (row?.organisation == null) return null;
  const since = row.responsibleSince ?? row.jobSearchStartedOn;
  if (since === null) return null;
  return {
    organisation: services.organisation(row.organisation),
    basis: trialBasis(row.basis) ?? 'OTHER',
    criteria: row.criteria,
    since,
  };
};

const deadlines: Field<Promise<DeadlineNode[]>, { state?: string | null; kind?: string | null }> = async (
  source,
  args,
  context,
) => {
  const all =
    source.view !== null
      ? source.view.deadlines
      : (await context.deadlineRows.load(source.id))
          .filter((row) => row.clockStart <= source.asOf)
          .map((row) => deadlineFromRow(row, source.asOf));
  return all.filter(
    (node) =>
      (args.kind == null || node.kind === args.kind) && (args.state == null || deadlineState(node) === args.state),
  );
};

const history: Field<Promise<unknown>> = async (source, _args, context) => {
  const view = await fullView(source, context);
  if (view === null)
    return { events: 0, lastRevision: null, firstRecordedAt: null, lastRecordedAt: null, jobSearches: 0, contacts: 0 };
  const first = view.events[0]?.stored;
  const last = view.events.at(-1)?.stored;
  return {
    events: view.events.length,
    lastRevision: last?.revision ?? null,
    firstRecordedAt: first?.recordedAt ?? null,
    lastRecordedAt: last?.recordedAt ?? null,
    jobSearches: view.state.jobSearches.filter((period) => period.startedOn <= view.asOf).length,
    contacts: view.state.contacts.filter((contact) => contact.on <= view.asOf).length,
  };
};

export const clientResolvers = {
  status: (({ row, view }) => view?.status ?? row?.status ?? 'ENDED') satisfies Field<string>,
  responsibility,
  homeMunicipality: (({ row, view }, _args, { services }) => {
    const code = view !== null ? view.homeMunicipality : (row?.homeMunicipality ?? null);
    return code === null ? null : municipalityNode(code, services.organisations);
  }) satisfies Field<unknown>,
  coach: (({ row, view }) => (view !== null ? view.coach : (row?.coach ?? null))) satisfies Field<string | null>,
  jobSearchStartedOn: (({ row, view }) =>
    view !== null ? view.jobSearchStartedOn : (row?.jobSearchStartedOn ?? null)) satisfies Field<string | null>,
  jobSearchEndedOn: (({ row, view }) =>
    view !== null ? view.jobSearchEndedOn : (row?.jobSearchEndedOn ?? null)) satisfies Field<string | null>,
  plan: ((source, _args, context) =>
    source.view !== null
      ? source.view.plan
      : source.row === null
        ? { upToDate: null, latestPlanOn: null, dueOn: null }
        : planFromRow(source.row, source.asOf, context)) satisfies Field<unknown>,
  activeServices: (({ row, view, asOf }) =>
    view !== null
      ? view.activeServices
      : (row?.activeServices ?? []).filter((service) => service.startedOn <= asOf)) satisfies Field<unknown[]>,
  deadlines,
  transferDue: (async (source, _args, context) =>
    (await fullView(source, context))?.transferDue ?? null) satisfies Field<Promise<unknown>>,
  history,
  personalDataErasedOn: (async (source, _args, context) =>
    (await fullView(source, context))?.personalDataErasedOn ?? null) satisfies Field<Promise<string | null>>,
  timeline: (async (source, _args, context) => {
    const view = await fullView(source, context);
    return view === null ? [] : timelineOf(view, context.services.view);
  }) satisfies Field<Promise<unknown[]>>,
};
