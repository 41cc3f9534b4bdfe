import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { QueryTooCostlyError } from './errors.js';

export interface CostOptions {
  /** Largest accepted cost; default 50,000. */
  maxCost?: number;
  /** Page size assumed for `first: $variable` without a default (the largest allowed page). */
  maxPageSize?: number;
  /** Items assumed for a list field without `first`; default 10. */
  assumedListSize?: number;
  /** Extra weight per `Type.field` (work beyond one row: stream reads, replays). */
  weights?: Readonly<Record<string, number>>;
}

interface Walk {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: ReadonlyMap<string, number>;
  schemaType: (name: string) => GraphQLNamedType | undefined;
  options: Required<CostOptions>;
}

// Schema types are inspected by shape and tag, not `instanceof`: under vitest, mercurius (CommonJS) and this
// module (ESM) can load two copies of graphql.
const tagOf = (value: unknown): string => Object.prototype.toString.call(value);

const fieldsOf = (type: GraphQLNamedType | undefined): Record<string, GraphQLField<unknown, unknown>> | undefined =>
  type !== undefined &&
  'getFields' in type &&
  (tagOf(type) === '[object GraphQLObjectType]' || tagOf(type) === '[object GraphQLInterfaceType]')
    ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    : undefined;

const unwrap = (type: GraphQLOutputType): GraphQLNamedType => ('ofType' in type ? unwrap(type.ofType) : type);

const isList = (type: GraphQLOutputType): boolean =>
  tagOf(type) === '[object GraphQLList]' ||
  (tagOf(type) === '[object GraphQLNonNull]' && 'ofType' in type && isList(type.ofType));

/** How many times a field's selection runs per parent: the page size for `first`, a guess for other lists. */
const fanOut = (node: FieldNode, field: GraphQLField<unknown, unknown>, walk: Walk): number => {
  const first = field.args.find((arg) => arg.name === 'first');
  if (first !== undefined) {
    const given = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
    if (given?.kind === Kind.INT) return Math.max(1, Number(given.value));
    if (given?.kind === Kind.VARIABLE) return walk.variables.get(given.name.value) ?? walk.options.maxPageSize;
    return typeof first.defaultValue === 'number' ? first.defaultValue : walk.options.maxPageSize;
  }
  if (field.name === 'edges') return 1;
  return isList(field.type) ? walk.options.assumedListSize : 1;
};

const costOf = (
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  multiplier: number,
  walk: Walk,
  visiting: Set<string>,
): number => {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldsOf(parent)?.[selection.name.value];
      if (field === undefined) continue;
      cost += multiplier * (1 + (walk.options.weights[`${parent?.name}.${field.name}`] ?? 0));
      if (selection.selectionSet !== undefined)
        cost += costOf(
          selection.selectionSet,
          unwrap(field.type),
          multiplier * fanOut(selection, field, walk),
          walk,
          visiting,
        );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schemaType(selection.typeCondition.name.value) : parent;
      cost += costOf(selection.selectionSet, type, multiplier, walk, visiting);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (fragment === undefined || visiting.has(name)) continue;
      visiting.add(name);
      const type = walk.schemaType(fragment.typeCondition.name.value);
      cost += costOf(fragment.selectionSet, type, multiplier, walk, visiting);
      visiting.delete(name);
    }
  }
  return cost;
};

/** Estimated work of one operation: each selected field times the page sizes and list sizes above it. */
export const operationCost = (
  operation: OperationDefinitionNode,
  context: Pick<ValidationContext, 'getSchema' | 'getDocument'>,
  options: CostOptions = {},
): number => {
  const schema = context.getSchema();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const resolved: Required<CostOptions> = {
    maxCost: options.maxCost ?? 50_000,
    maxPageSize: options.maxPageSize ?? 200,
    assumedListSize: options.assumedListSize ?? 10,
    weights: options.weights ?? {},
  };
  const variables = new Map<string, number>();
  for (const definition of operation.variableDefinitions ?? [])
    variables.set(
      definition.variable.name.value,
      definition.defaultValue?.kind === Kind.INT ? Number(definition.defaultValue.value) : resolved.maxPageSize,
    );
  const root = schema.getRootType(operation.operation) ?? undefined;
  const walk: Walk = {
    fragments,
    variables,
    schemaType: (name) => schema.getType(name) ?? undefined,
    options: resolved,
  };
  return costOf(operation.selectionSet, root, 1, walk, new Set());
};

/** A validation rule refusing operations that cost more than `maxCost` (extensions.code QUERY_TOO_COSTLY). */
export const costLimitRule =
  (options: CostOptions = {}): ValidationRule =>
  (context) => ({
    OperationDefinition(operation) {
      const maxCost = options.maxCost ?? 50_000;
      const cost = operationCost(operation, context, options);
      if (cost > maxCost) {
        const error = new QueryTooCostlyError(cost, maxCost);
        context.reportError(new GraphQLError(error.message, { nodes: operation, originalError: error }));
      }
    },
  });
