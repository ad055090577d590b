import type { StagingNode } from '../ddl/spec/staging.js';
import type { EventRegistry } from '../events/registry.js';

/** A bound a numeric STAGING column must respect, read from the event's JSON Schema. */
export interface RangeRule {
  readonly column: string;
  readonly op: '<' | '<=' | '>' | '>=';
  readonly bound: number;
}

/** The values a text column may take (a zod enum). */
export interface EnumRule {
  readonly column: string;
  readonly values: readonly string[];
}

/** zod writes ±(2^53 − 1) for every int: no business meaning, so not checked. */
const NO_BOUND = Number.MAX_SAFE_INTEGER;

type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * The value rules of one event type's STAGING columns, from the registry's JSON Schema:
 * `minimum`/`exclusiveMinimum`/`maximum`/`exclusiveMaximum` and string `enum`s. The rule of a
 * violation is the opposite comparison: `minimum: 0` gives `< 0` (a negative price).
 *
 * @example
 * schemaRules(wineShopRegistry, stgOrders).ranges; // [{ column: 'QUANTITY', op: '<=', bound: 0 }, ...]
 */
export function schemaRules(
  registry: EventRegistry,
  staging: StagingNode,
): { ranges: RangeRule[]; enums: EnumRule[] } {
  const ranges: RangeRule[] = [];
  const enums: EnumRule[] = [];
  const definition = registry.get(staging.eventType);
  if (definition === undefined) return { ranges, enums };
  const root = registry.jsonSchema(staging.eventType) as JsonSchema;
  const stagedNames = new Set(staging.staged.map((s) => s.column.name));
  for (const column of definition.columns) {
    if (!stagedNames.has(column.name)) continue;
    const node = schemaAt(root, column.path);
    if (node === undefined) continue;
    const bound = (key: string, op: RangeRule['op']) => {
      const value = node[key];
      if (typeof value === 'number' && Math.abs(value) < NO_BOUND)
        ranges.push({ column: column.name, op, bound: value });
    };
    bound('minimum', '<');
    bound('exclusiveMinimum', '<=');
    bound('maximum', '>');
    bound('exclusiveMaximum', '>=');
    const values = node.enum;
    if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string')) {
      enums.push({ column: column.name, values });
    }
  }
  return { ranges, enums };
}

function schemaAt(root: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const key of path) {
    const properties: unknown = node === undefined ? undefined : nonNull(node).properties;
    node = isObject(properties) && isObject(properties[key]) ? properties[key] : undefined;
  }
  return node === undefined ? undefined : nonNull(node);
}

/** An optional or nullable field is an anyOf with a null branch: the rules are on the other one. */
function nonNull(node: JsonSchema): JsonSchema {
  const branches = node.anyOf;
  if (!Array.isArray(branches)) return node;
  const found: unknown = branches.find((b) => isObject(b) && b.type !== 'null');
  return isObject(found) ? found : node;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
