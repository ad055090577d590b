import { isShortestNumber } from './json-patterns.js';
import type { ObjectNode, PropertyNode, ValueNode } from './pattern-tree.js';
import { type InlineCheck, inlineChecks } from './zod-checks.js';

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
  const factory = new Function('K', 'T', 'F', 'D', 'S', 'N', body) as (
    constants: readonly unknown[],
    tables: readonly ReadonlyMap<string, unknown>[],
    defaults: readonly (() => unknown)[],
    decline: typeof DECLINE,
    shortest: typeof isShortestNumber,
    ignore: () => void,
  ) => Reader;
  return factory(emitter.constants, emitter.tables, emitter.defaults, DECLINE, isShortestNumber, ignore);
}

/** For the promise of an async refinement, which a synchronous parse cannot wait for. */
const ignore = () => {};

class Emitter {
  readonly lines: string[] = [];
  /** Bounds, patterns, refinement functions and zod checkers the generated code refers to as `K[i]`. */
  readonly constants: unknown[] = [];
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
        return this.#checked(value, node.checks, 'other');
      }
      case 'values': {
        const text = this.#capture(node.group);
        const value = this.#name();
        const table = `T[${this.tables.push(node.byText) - 1}]`;
        this.lines.push(`if (!${table}.has(${text})) return D;`, `const ${value} = ${table}.get(${text});`);
        return this.#checked(value, node.checks, 'other');
      }
      case 'string':
        return this.#checked(this.#capture(node.group), node.checks, 'string');
      case 'number': {
        const text = this.#capture(node.group);
        const value = this.#name();
        this.lines.push(`const ${value} = +${text};`, `if (!S(${text}, ${value})) return D;`);
        return this.#checked(value, node.checks, 'number');
      }
      case 'boolean': {
        const value = this.#name();
        this.lines.push(`const ${value} = ${this.#capture(node.group)} === 'true';`);
        return this.#checked(value, node.checks, 'other');
      }
    }
  }

  #object(node: ObjectNode): string {
    const object = node.build ? this.#name() : undefined;
    if (object !== undefined) this.lines.push(`const ${object} = {};`);
    for (const property of node.properties) this.#property(property, object);
    return object === undefined ? 'undefined' : this.#checked(object, node.checks, 'other');
  }

  #property(property: PropertyNode, object: string | undefined): void {
    // A constant key per store: each store site sees one layout, as in a hand-written object literal.
    const store = (value: string) => {
      if (object !== undefined) this.lines.push(`${object}[${JSON.stringify(property.key)}] = ${value};`);
    };
    const { presence, wrapperChecks } = property;
    const present = () => store(this.#checked(this.value(property.value), wrapperChecks, 'other'));
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
      store(this.#checked(value, wrapperChecks, 'other'));
    }
    this.lines.push('}');
  }

  /** A capture that must be there: a group outside the branch the text took is a mismatch. */
  #capture(group: number): string {
    const text = this.#name();
    this.lines.push(`const ${text} = m[${group}];`, `if (${text} === undefined) return D;`);
    return text;
  }

  /** Emits a node's zod checks, in zod's order, written out where {@link inlineChecks} can. */
  #checked(
    value: string,
    checks: Parameters<typeof inlineChecks>[0],
    kind: 'string' | 'number' | 'other',
  ): string {
    for (const check of inlineChecks(checks, kind)) this.lines.push(this.#check(value, check));
    return value;
  }

  #check(v: string, check: InlineCheck): string {
    switch (check.kind) {
      case 'compare':
        return `if (!(${v} ${check.operator} ${this.#constant(check.bound)})) return D;`;
      case 'safe_integer':
        return `if (!Number.isSafeInteger(${v})) return D;`;
      case 'pattern': {
        const pattern = this.#constant(check.pattern);
        return `${pattern}.lastIndex = 0; if (!${pattern}.test(${v})) return D;`;
      }
      case 'refine': {
        const result = this.#name();
        return `const ${result} = ${this.#constant(check.fn)}(${v}); if (${result} instanceof Promise) { ${result}.catch(N); return D; } if (!${result}) return D;`;
      }
      case 'length': {
        const fails = check.passesWhen === 'at_most' ? '>' : '<';
        return `if (${v}.length ${fails} ${this.#constant(check.units)} && !${this.#constant(check.exact)}(${v})) return D;`;
      }
      case 'generic':
        return `if (!${this.#constant(check.checker)}(${v})) return D;`;
    }
  }

  #constant(value: unknown): string {
    return `K[${this.constants.push(value) - 1}]`;
  }

  #name(): string {
    this.#names += 1;
    return `v${this.#names}`;
  }
}
