import type { z } from 'zod';
import type { EventDefinition, EventOf } from './define-event.js';
import { DuplicateEventTypeError, UnknownEventTypeError, unknownTypeMessage } from './errors.js';
import { failure, fromZodIssues, kindOf, type ParseResult } from './issues.js';

/** Parses unknown input into the events of a fixed set of definitions. */
export interface EventRegistry<D extends EventDefinition = EventDefinition> {
  /** The registered types, in the order given. */
  readonly types: readonly D['type'][];
  readonly definitions: readonly D[];
  /** The definition of a type, or `undefined`. */
  get(type: string): D | undefined;
  /**
   * Validates one event. Never throws, whatever the input (junk, huge strings, hostile getters):
   * returns the typed event, or every issue found (at most {@link MAX_ISSUES}) with its path and code.
   */
  parse(input: unknown): ParseResult<EventOf<D>>;
  /** JSON Schema of one type; throws {@link UnknownEventTypeError} for a type not registered. */
  jsonSchema(type: D['type']): z.core.JSONSchema.BaseSchema;
}

/** Every registry built here: code that trusts a registry's definitions to mean its `parse` checks this. */
const created = new WeakSet<object>();

/**
 * @internal Whether `value` is a registry built by {@link createRegistry}, whose `parse` is exactly its
 * definitions' schemas (a look-alike may carry the same fields with a stricter `parse`).
 *
 * @example
 * isCreatedRegistry(wineShopRegistry); // => true
 * isCreatedRegistry({ ...wineShopRegistry }); // => false
 */
export function isCreatedRegistry(value: unknown): value is EventRegistry {
  return typeof value === 'object' && value !== null && created.has(value);
}

/**
 * Builds a registry that dispatches on `event_type` to that type's compiled schema. Throws
 * {@link DuplicateEventTypeError} when two definitions share a type.
 *
 * @example
 * const registry = createRegistry([orderCreated, inventoryAdjusted]);
 * const result = registry.parse(JSON.parse(message.value));
 * if (result.ok && result.event.event_type === 'ORDER_CREATED') console.log(result.event.event_data.total_amount);
 * else if (!result.ok) deadLetter(message, result.error.issues);
 */
export function createRegistry<const TDefinitions extends readonly EventDefinition[]>(
  definitions: TDefinitions,
): EventRegistry<TDefinitions[number]> {
  type D = TDefinitions[number];
  const byType = new Map<string, D>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new DuplicateEventTypeError(definition.type);
    byType.set(definition.type, definition);
  }
  const types: readonly D['type'][] = Object.freeze(definitions.map((definition) => definition.type));
  const typeHint = types.join(', ');

  function parseKnown(input: unknown): ParseResult<EventOf<D>> {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      const message = `Expected an event object, got ${kindOf(input)}`;
      return failure([{ path: [], code: 'not_an_object', message }]);
    }
    const type: unknown = (input as Record<string, unknown>).event_type;
    if (typeof type !== 'string') {
      const message = `Expected event_type to be a string, got ${kindOf(type)}; known types: ${typeHint}`;
      return failure([{ path: ['event_type'], code: 'invalid_type', message }], input);
    }
    const definition = byType.get(type);
    if (definition === undefined) {
      const message = unknownTypeMessage(type, types);
      return failure([{ path: ['event_type'], code: 'unknown_event_type', message }], input);
    }
    const result = definition.schema.safeParse(input);
    if (result.success) return { ok: true, event: result.data as EventOf<D> };
    return failure(fromZodIssues(result.error.issues), input);
  }

  const registry = Object.freeze({
    types,
    definitions: Object.freeze([...definitions]),
    get: (type: string) => byType.get(type),
    parse(input: unknown): ParseResult<EventOf<D>> {
      try {
        return parseKnown(input);
      } catch (error) {
        // Only a hostile input (a throwing getter or proxy) gets here; its message is not echoed.
        const name = error instanceof Error ? error.name : typeof error;
        return failure([{ path: [], code: 'unreadable_input', message: `Reading the input threw ${name}` }]);
      }
    },
    jsonSchema(type: D['type']) {
      const definition = byType.get(type);
      if (definition === undefined) throw new UnknownEventTypeError(type, types);
      return definition.jsonSchema();
    },
  });
  created.add(registry);
  return registry;
}
