import { randomUUID } from 'node:crypto';
import { wire } from '../../support/clientEvents.js';
import { authHeaders } from './ledgerServer.js';

export interface WireEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export type PostOutcome =
  | { kind: 'answered'; status: number; lastRevision?: bigint; code?: string }
  | { kind: 'failed'; reason: 'connection' | 'aborted' };

export interface PostRequest {
  clientId: string;
  events: readonly WireEvent[];
  /** Body `expectedRevision` (decimal or 'noStream'), or an `If-Match` revision when `ifMatch` is set. */
  expected: bigint | 'noStream';
  ifMatch?: boolean;
  signal?: AbortSignal;
}

/** POST /v1/clients/{clientId}/events; connection failures and aborts are outcomes, not exceptions. */
export const postEvents = async (url: string, request: PostRequest): Promise<PostOutcome> => {
  const useIfMatch = request.ifMatch === true && request.expected !== 'noStream';
  const body = {
    events: request.events,
    ...(useIfMatch ? {} : { expectedRevision: String(request.expected) }),
  };
  try {
    const response = await fetch(`${url}/v1/clients/${request.clientId}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...authHeaders(),
        ...(useIfMatch ? { 'if-match': `"${request.expected}"` } : {}),
      },
      body: JSON.stringify(body),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const json = (await response.json().catch(() => ({}))) as { lastRevision?: string; code?: string };
    return {
      kind: 'answered',
      status: response.status,
      ...(json.lastRevision === undefined ? {} : { lastRevision: BigInt(json.lastRevision) }),
      ...(json.code === undefined ? {} : { code: json.code }),
    };
  } catch {
    return { kind: 'failed', reason: request.signal?.aborted ? 'aborted' : 'connection' };
  }
};

/** The stream's last revision from GET /v1/clients/{id}/events, or 'noStream'. */
export const streamRevision = async (url: string, clientId: string): Promise<bigint | 'noStream'> => {
  const response = await fetch(`${url}/v1/clients/${clientId}/events?direction=backwards&limit=1`, {
    headers: authHeaders(),
  });
  if (response.status === 404) {
    await response.arrayBuffer();
    return 'noStream';
  }
  const json = (await response.json()) as { lastRevision: string };
  return BigInt(json.lastRevision);
};

let coach = 0;
/** The next batch for a client at `revision`: the job search (with a coach) first, then 1-3 coach changes. */
export const nextBatch = (revision: bigint | 'noStream', size: number): WireEvent[] =>
  revision === 'noStream'
    ? [wire.jobSearchStarted(), ...(size > 1 ? [wire.coachAssigned()] : [])]
    : Array.from({ length: size }, () => wire.coachAssigned({ coachId: `staff-${++coach % 97}` }));

export const newClientId = (): string => randomUUID();

export type Acknowledged = Extract<PostOutcome, { kind: 'answered' }> & { lastRevision: bigint };

export const isSuccess = (outcome: PostOutcome): outcome is Acknowledged =>
  outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300 && outcome.lastRevision !== undefined;
