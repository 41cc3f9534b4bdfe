import { describe, expect, it } from 'vitest';
import { InvalidEventError, InvalidStreamNameError } from '../../../src/eventStore/errors.js';
import type { NewEvent } from '../../../src/eventStore/eventStore.js';
import { jobSearchStarted } from '../../support/events.js';
import { type ContractContext, newStream, rejectionOf } from './contractHelpers.js';

const asEvent = (value: unknown): NewEvent => value as NewEvent;

/** Contract: bad input is refused with a typed error before anything is written. */
export const validationContract = ({ openStore }: ContractContext) =>
  describe('bad input', () => {
    it.each(['', ' client-1', 'client 1', '../etc', '-client', 'x'.repeat(201), 'client/1'])(
      'refuses the stream name %j',
      async (stream) => {
        const store = await openStore();
        const error = await rejectionOf(store.appendToStream(stream, [jobSearchStarted()], { expected: 'any' }));
        expect(error).toBeInstanceOf(InvalidStreamNameError);
        expect(error).toMatchObject({ code: 'INVALID_STREAM_NAME' });
      },
    );

    it.each<[string, unknown[], string]>([
      ['an empty list', [], 'events'],
      ['a non-UUID id', [{ ...jobSearchStarted(), id: 'not-a-uuid' }], 'id'],
      ['a missing id', [{ ...jobSearchStarted(), id: undefined }], 'id'],
      ['an array as data', [{ ...jobSearchStarted(), data: [1, 2] }], 'data'],
      ['a string as data', [{ ...jobSearchStarted(), data: 'text' }], 'data'],
      ['null as data', [{ ...jobSearchStarted(), data: null }], 'data'],
      ['a bad type', [{ ...jobSearchStarted(), type: 'has space' }], 'type'],
      ['version 0', [{ ...jobSearchStarted(), version: 0 }], 'version'],
      ['a non-object metadata', [{ ...jobSearchStarted(), metadata: 'm' }], 'metadata'],
      ['a bad event after a good one', [jobSearchStarted(), { ...jobSearchStarted(), id: '42' }], 'id'],
    ])('refuses %s and writes nothing', async (_case, events, path) => {
      const store = await openStore();
      const stream = newStream();
      const error = await rejectionOf(store.appendToStream(stream, events.map(asEvent), { expected: 'any' }));
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toMatchObject({ code: 'INVALID_EVENT', path });
      expect(await store.streamRevision(stream)).toBeUndefined();
    });
  });
