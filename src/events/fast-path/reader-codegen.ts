import { isShortestNumber } from './json-patterns.js';
import type { ObjectNode, PropertyNode, ValueNode } from './pattern-tree.js';
import { type Checker, checkerOf } from './zod-checks.js';

/** What a generated reader returns for a text it does not take. */
export const DECLINE: unique symbol = Symbol('decline');

/** Reads an object's value out of its pattern's match, or {@link DECLINE}. */
export type Reader = (match: RegExpExecArray) => unknown;

/**
 * Generate the reader of an object node as one straight-line function: each capture read once, each
 * number checked for its shortest form, each node's zod checks called, each built object given its keys
 * in the shape's order. Closures doing the same per node cost three times as much (their shared call
 * and store sites turn generic). The generated text holds no input and no schema text: only group
 * numbers, JSON-quoted keys (plain, checked when compiling) and indexes into the arrays passed in.
 *
 * @example
 * const read = compileReader(compileObjectPattern(schema, new GroupCounter(), new Set()).node);
 */
export function compileReader(root: ObjectNode): Reader {
  const emitter = new Emitter();
  const result = emitter.value(root);
  const body = `"use strict";\nreturn function read(m) {\n${emitter.lines.join('\n')}\nreturn ${result};\n};`;
  const factory = new Function('C', 'T', 'F', 'D', 'S', body) as (
    checkers: readonly Checker[],
    tables: readonly ReadonlyMap<string, unknown>[],
    defaults: readonly (() => unknown)[],
    decline: typeof DECLINE,
    shortest: typeof isShortestNumber,
  ) => Reader;
  return factory(emitter.checkers, emitter.tables, emitter.defaults, DECLINE, isShortestNumber);
}

class Emitter {
  readonly lines: string[] = [];
  readonly checkers: Checker[] = [];
  readonly tables: ReadonlyMap<string, unknown>[] = [];
  readonly defaults: (() => unknown)[] = [];
  #names = 0;

  /** Emits the reading of `node`; returns the variable holding its value. */
  value(node: ValueNode): string {
    switch (node.kind) {
      case 'object':
        return this.#object(node);
      case 'nullable': {
        const value = this.#name();
        this.lines.push(`let ${value} = null;`, `if (m[${node.nullGroup}] === undefined) {`);
        const inner = this.value(node.inner);
        this.lines.push(`${value} = ${inner};`, '}');
        return this.#checked(value, node.checks);
      }
      case 'values': {
        const text = this.#capture(node.group);
        const value = this.#name();
        const table = `T[${this.tables.push(node.byText) - 1}]`;
        this.lines.push(`if (!${table}.has(${text})) return D;`, `const ${value} = ${table}.get(${text});`);
        return this.#checked(value, node.checks);
      }
      case 'string':
        return this.#checked(this.#capture(node.group), node.checks);
      case 'number': {
        const text = this.#capture(node.group);
        const value = this.#name();
        this.lines.push(`const ${value} = +${text};`, `if (!S(${text}, ${value})) return D;`);
        return this.#checked(value, node.checks);
      }
      case 'boolean': {
        const value = this.#name();
        this.lines.push(`const ${value} = ${this.#capture(node.group)} === 'true';`);
        return this.#checked(value, node.checks);
      }
    }
  }

  #object(node: ObjectNode): string {
    const object = node.build ? this.#name() : undefined;
    if (object !== undefined) this.lines.push(`const ${object} = {};`);
    for (const property of node.properties) this.#property(property, object);
    return object === undefined ? 'undefined' : this.#checked(object, node.checks);
  }

  #property(property: PropertyNode, object: string | undefined): void {
    // A constant key per store: each store site sees one layout, as in a hand-written object literal.
    const store = (value: string) => {
      if (object !== undefined) this.lines.push(`${object}[${JSON.stringify(property.key)}] = ${value};`);
    };
    const { presence, wrapperChecks } = property;
    const present = () => store(this.#checked(this.value(property.value), wrapperChecks));
    if (presence.kind === 'required') {
      present();
      return;
    }
    this.lines.push(`if (m[${presence.group}] !== undefined) {`);
    present();
    if (presence.kind === 'default') {
      // zod gives an absent key the default and runs the wrapper's checks on it, not the inner schema's.
      this.lines.push('} else {');
      const value = this.#name();
      this.lines.push(`const ${value} = F[${this.defaults.push(presence.value) - 1}]();`);
      store(this.#checked(value, wrapperChecks));
    }
    this.lines.push('}');
  }

  /** A capture that must be there: a group outside the branch the text took is a mismatch. */
  #capture(group: number): string {
    const text = this.#name();
    this.lines.push(`const ${text} = m[${group}];`, `if (${text} === undefined) return D;`);
    return text;
  }

  #checked(value: string, checks: Parameters<typeof checkerOf>[0]): string {
    const checker = checkerOf(checks);
    if (checker !== undefined) {
      this.lines.push(`if (!C[${this.checkers.push(checker) - 1}](${value})) return D;`);
    }
    return value;
  }

  #name(): string {
    this.#names += 1;
    return `v${this.#names}`;
  }
}
