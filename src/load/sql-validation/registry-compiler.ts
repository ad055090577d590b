import type { EventDefinition } from '../../events/define-event.js';
import { ENVELOPE_KEYS } from '../../events/envelope.js';
import { isCreatedRegistry } from '../../events/registry.js';
import { type SqlRuleContext, twinOf } from '../../events/sql-rules.js';
import type { EventParser } from '../../sink/event-parser.js';
import { NotCompilable } from './compiled.js';
import { compileObject, duplicateKeys, exactKeys, type ObjectColumns, shapeKeys } from './schema-compiler.js';
import { sqlString } from './sql-text.js';
import { objectColumns, parseToMap, StagedQuery } from './staged-query.js';
import { isJsonString, shiftedDecimal, stringValue } from './value-sql.js';

/** The RAW columns of a valid line, as SQL over the classification query's columns. */
interface TypeOutput {
  readonly type: string;
  readonly valid: string;
  readonly undecided: string;
  readonly eventId: string;
  readonly eventTimestamp: string;
  readonly productId: string;
  readonly customerId: string;
  readonly eventData: string;
  readonly source: string;
}

/** A registry's validation as DuckDB SQL, for the types that compile. */
export interface CompiledRegistry {
  /** Types validated in SQL. */
  readonly compiled: readonly string[];
  /** Types left to JavaScript, with the reason. */
  readonly fallback: ReadonlyMap<string, string>;
  /**
   * The classification SELECT over `source`, a relation of `(seq BIGINT, line BIGINT, text VARCHAR)`:
   * one row per line with `verdict` ('V' valid, 'X' invalid, 'U' for JavaScript to decide), the RAW
   * columns of valid lines and the text of the others. One bound parameter: the file label as JSON.
   */
  classifySql(source: string): string;
}

const compiledRegistries = new WeakMap<object, CompiledRegistry | null>();

/**
 * Compile a registry's definitions to SQL, or `undefined` when the parser is not a registry from
 * `createRegistry` (only its `parse` is known then) or no type compiles.
 *
 * @example
 * compileRegistry(wineShopRegistry)?.compiled; // => ['ORDER_CREATED', 'INVENTORY_ADJUSTED']
 */
export function compileRegistry(parser: EventParser): CompiledRegistry | undefined {
  const cached = compiledRegistries.get(parser);
  if (cached !== undefined) return cached ?? undefined;
  const definitions = definitionsOf(parser);
  const compiled = definitions === undefined ? undefined : build(definitions);
  compiledRegistries.set(parser, compiled ?? null);
  return compiled;
}

function definitionsOf(parser: EventParser): readonly EventDefinition[] | undefined {
  // Only a registry createRegistry built: a look-alike's `parse` may reject what its definitions accept.
  return isCreatedRegistry(parser) ? parser.definitions : undefined;
}

function build(definitions: readonly EventDefinition[]): CompiledRegistry | undefined {
  const query = new StagedQuery();
  const top = objectColumns(query.column(0, `try(${parseToMap('text')})`, 'o'), 0);
  const typeLeaf = `CAST(map_extract_value(${top.map}, 'event_type') AS VARCHAR)`;
  const type = query.column(1, `CASE WHEN ${isJsonString(typeLeaf)} THEN ${stringValue(typeLeaf)} END`, 't');
  const outputs: TypeOutput[] = [];
  const fallback = new Map<string, string>();
  for (const definition of definitions) {
    try {
      outputs.push(compileDefinition(definition, query, top, type));
    } catch (error) {
      if (!(error instanceof NotCompilable)) throw error;
      fallback.set(definition.type, error.message);
    }
  }
  if (outputs.length === 0) return undefined;
  return {
    compiled: outputs.map((o) => o.type),
    fallback,
    classifySql: (source) => classifySql(query.from(source), top, type, outputs, [...fallback.keys()]),
  };
}

function compileDefinition(
  definition: EventDefinition,
  query: StagedQuery,
  top: ObjectColumns,
  typeColumn: string,
): TypeOutput {
  const shape = shapeKeys(definition.schema, []);
  const envelopeKeys: readonly string[] = ENVELOPE_KEYS;
  if (shape.some((key) => !envelopeKeys.includes(key))) throw new NotCompilable('envelope keys');
  query.values.clear();
  const twin = definition.sqlRules === undefined ? undefined : twinOf(definition.sqlRules);
  query.twinCovers = twin?.covers;
  const guard = `${typeColumn} = ${sqlString(definition.type)}`;
  const isObject = query.column(0, "coalesce(ascii(ltrim(text, ' \t')) = 123, FALSE)", 'b');
  const envelope = compileObject(definition.schema, top, isObject, [], guard, query);
  const field = (path: string) => {
    const compiled = query.values.get(path);
    if (compiled === undefined) throw new NotCompilable(`sqlRules reads \`${path}\`, which is not a field`);
    return compiled;
  };
  const context: SqlRuleContext = {
    value: (path) => field(path).value,
    decimalUnits: (path, scale) => `TRY_CAST(${shiftedDecimal(field(path).value, scale)} AS HUGEINT)`,
  };
  const rules = twin === undefined ? 'TRUE' : twin.sql(context);
  return {
    type: definition.type,
    // The twin only ever sees events whose fields passed: its casts and arithmetic cannot overflow.
    valid: `CASE WHEN coalesce(${envelope.valid}, FALSE) THEN coalesce(${rules}, FALSE) ELSE FALSE END`,
    undecided: envelope.undecided,
    eventId: field('event_id').value,
    eventTimestamp: field('event_timestamp').value,
    productId: field('product_id').value,
    customerId: field('customer_id').value,
    eventData: field('event_data').render,
    source: field('source').render,
  };
}

/**
 * A comma before a closing brace or bracket (DuckDB's reader accepts it, JSON.parse does not). The
 * regexp, a scan of the whole line, only runs on lines with a comma followed by a space or tab.
 */
const TRAILING_COMMA = `(contains(text, ',}') OR contains(text, ',]') OR CASE WHEN contains(text, ', ') OR contains(text, ',\t') THEN regexp_matches(text, ',[ \t]+[\\]}]') ELSE FALSE END)`;

function classifySql(
  staged: string,
  { map, keys }: ObjectColumns,
  type: string,
  outputs: readonly TypeOutput[],
  fallbackTypes: readonly string[],
): string {
  const perType = outputs
    .map(
      (o) =>
        `WHEN ${type} = ${sqlString(o.type)} THEN CASE WHEN coalesce(${o.undecided}, FALSE) THEN 'U' WHEN coalesce(${o.valid}, FALSE) THEN 'V' ELSE 'X' END`,
    )
    .join('\n    ');
  const left =
    fallbackTypes.length === 0 ? '' : `WHEN ${type} IN (${fallbackTypes.map(sqlString).join(', ')}) THEN 'U'`;
  const pick = (field: (o: TypeOutput) => string) =>
    `CASE WHEN verdict = 'V' THEN CASE ${type} ${outputs.map((o) => `WHEN ${sqlString(o.type)} THEN ${field(o)}`).join(' ')} END END`;
  return `SELECT seq, verdict, CASE WHEN verdict <> 'V' THEN text END AS text,
  ${pick((o) => o.eventId)} AS "EVENT_ID",
  ${type} AS "EVENT_TYPE",
  ${pick((o) => o.eventTimestamp)} AS "EVENT_TIMESTAMP",
  ${pick((o) => o.productId)} AS "PRODUCT_ID",
  ${pick((o) => o.customerId)} AS "CUSTOMER_ID",
  ${pick((o) => o.eventData)} AS "EVENT_DATA",
  '{"file":' || ef_file || ',"line":' || CAST(line AS VARCHAR) || ',"source":' || ${pick((o) => o.source)} || '}' AS "EVENT_METADATA"
FROM (SELECT *, CASE
    -- JSON.parse decides what DuckDB's lenient reader accepts or reads differently: trailing commas,
    -- duplicate keys (JSON.parse keeps the last), text DuckDB cannot read at all.
    WHEN ${map} IS NULL OR ${TRAILING_COMMA} THEN 'U'
    WHEN NOT coalesce(ascii(ltrim(text, ' \t')) = 123, FALSE) THEN 'X'
    WHEN ${duplicateKeys(
      keys,
      exactKeys(
        keys,
        ENVELOPE_KEYS.map((k) => `coalesce(map_contains(${map}, ${sqlString(k)}), FALSE)`),
      ),
    )} THEN 'U'
    WHEN ${type} IS NULL THEN 'X'
    ${perType}
    ${left}
    ELSE 'X' END AS verdict
  FROM (SELECT *, CAST(json(?) AS VARCHAR) AS ef_file FROM ${staged}))`;
}
