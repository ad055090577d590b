import type { Compiled } from './compiled.js';
import type { ObjectColumns, SchemaScope } from './schema-compiler.js';
import { sqlString } from './sql-text.js';

/**
 * Builds the nested SELECTs of the classification query: each JSON object of an event is parsed once,
 * in the stage after the one holding its text (`from_json` to a STRUCT of JSON texts, plus its key
 * list), and only on the lines where its guard holds (its event type, an object there).
 */
export class StagedQuery implements SchemaScope {
  readonly values = new Map<string, Compiled>();
  twinCovers: ReadonlySet<string> | undefined = undefined;
  readonly #stages: string[][] = [];
  readonly #named = new Map<string, string>();
  #next = 0;

  /** A column computed in stage `stage` (stage 0 reads the source relation), once per expression. */
  column(stage: number, expression: string, prefix = 'c'): string {
    const key = `${stage}\u0000${expression}`;
    const existing = this.#named.get(key);
    if (existing !== undefined) return existing;
    const name = `ef_${prefix}${this.#next++}`;
    while (this.#stages.length <= stage) this.#stages.push([]);
    this.#stages[stage]?.push(`${expression} AS ${name}`);
    this.#named.set(key, name);
    return name;
  }

  parseObject(stage: number, json: string, guard: string, keys: readonly string[]): ObjectColumns {
    const parse = `CASE WHEN ${guard} THEN from_json(${json}, ${structureOf(keys)}) END`;
    return {
      struct: this.column(stage, parse, 'o'),
      keys: this.column(stage, `CASE WHEN ${guard} THEN json_keys(${json}) END`, 'k'),
      stage,
    };
  }

  /** `SELECT *, <stage n> FROM (… SELECT *, <stage 0> FROM source …)`. */
  from(source: string): string {
    let sql = source;
    for (const stage of this.#stages) {
      sql = stage.length === 0 ? sql : `(SELECT *, ${stage.join(',\n  ')}\nFROM ${sql})`;
    }
    return sql;
  }
}

/** The `from_json` structure of an object: every key as raw JSON text, typed later. */
export function structureOf(keys: readonly string[]): string {
  return sqlString(JSON.stringify(Object.fromEntries(keys.map((key) => [key, 'JSON']))));
}
