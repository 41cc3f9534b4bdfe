import { expect } from 'vitest';

/** The shape every decider exports: `decide` refuses by throwing, `evolve` is total. */
export interface SpecDecider<State, Command, Event, Context> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Given/when/then for a decider:
 * `deciderSpec(clientDecider, { today })(givenEvents).when(command).thenEmits(expectedEvents)` or
 * `.thenThrows(ErrorClass, { code: 'RULE_CODE' })`. `given(events, context)` overrides the default context.
 */
export const deciderSpec =
  <State, Command, Event, Context>(decider: SpecDecider<State, Command, Event, Context>, defaultContext: Context) =>
  (givenEvents: readonly Event[], context: Context = defaultContext) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, givenEvents.reduce(decider.evolve, decider.initialState), context);
      return {
        thenEmits: (expected: readonly Event[]) => expect(run()).toEqual(expected),
        thenThrows: (errorClass: ErrorClass, matching: Record<string, unknown> = {}) => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown, 'expected the decider to refuse').toBeInstanceOf(errorClass);
          expect(thrown).toMatchObject(matching);
        },
      };
    },
  });
