import { describe, expect, it } from 'vitest';
import { deadlineStateOn } from '../../../src/domain/deadlines/deadline.js';

const dates = (closedOn: string | null, cancelledOn: string | null = null) => ({
  dueOn: '2025-06-24',
  closedOn,
  cancelledOn,
});

describe('deadlineStateOn (domain.md §6)', () => {
  it.each([
    { on: '2025-06-23', closedOn: null, cancelledOn: null, state: 'PENDING' },
    { on: '2025-06-24', closedOn: null, cancelledOn: null, state: 'PENDING' },
    { on: '2025-06-25', closedOn: null, cancelledOn: null, state: 'OVERDUE' },
    { on: '2025-06-24', closedOn: '2025-06-24', cancelledOn: null, state: 'MET' },
    { on: '2025-06-23', closedOn: '2025-06-24', cancelledOn: null, state: 'PENDING' },
    { on: '2025-06-25', closedOn: '2025-06-26', cancelledOn: null, state: 'OVERDUE' },
    { on: '2025-06-26', closedOn: '2025-06-26', cancelledOn: null, state: 'MET_LATE' },
    { on: '2025-06-19', closedOn: null, cancelledOn: '2025-06-20', state: 'PENDING' },
    { on: '2025-06-20', closedOn: null, cancelledOn: '2025-06-20', state: 'CANCELLED' },
    { on: '2025-07-20', closedOn: null, cancelledOn: '2025-06-24', state: 'CANCELLED' },
  ] as const)('on $on, closed $closedOn, cancelled $cancelledOn: $state', ({ on, closedOn, cancelledOn, state }) =>
    expect(deadlineStateOn(dates(closedOn, cancelledOn), on)).toBe(state),
  );
});
