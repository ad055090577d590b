import { EventflakeError } from '../errors.js';

/**
 * An event definition is malformed: a bad type name or version, an event_data object that would
 * silently drop unknown keys, a field without a column declaration, two columns with one name.
 * Thrown once, when the definition is built, never while parsing events.
 *
 * @example
 * try { defineEvent({ type: 'order created', ... }); }
 * catch (err) { if (err instanceof EventDefinitionError) console.error(err.eventType, err.message); }
 */
export class EventDefinitionError extends EventflakeError {
  /** The type being defined, when it was readable. */
  readonly eventType: string | undefined;

  constructor(eventType: string | undefined, message: string) {
    super('ERR_EVENT_DEFINITION', eventType === undefined ? message : `${eventType}: ${message}`, {
      retriable: false,
    });
    this.eventType = eventType;
  }
}

/**
 * Two definitions of one event type were handed to one registry, so dispatch would be ambiguous.
 *
 * @example
 * createRegistry([orderCreated, orderCreated]); // throws DuplicateEventTypeError (ERR_DUPLICATE_EVENT_TYPE)
 */
export class DuplicateEventTypeError extends EventflakeError {
  readonly eventType: string;

  constructor(eventType: string) {
    super('ERR_DUPLICATE_EVENT_TYPE', `Event type \`${eventType}\` is defined twice in one registry`, {
      retriable: false,
    });
    this.eventType = eventType;
  }
}

/**
 * Code asked a registry for a type it does not hold (e.g. `registry.jsonSchema('ORDER_CANCELLED')`).
 * Unknown types in *event data* are never thrown: `parse` reports them as an `unknown_event_type` issue.
 *
 * @example
 * registry.jsonSchema('NOPE'); // throws: Unknown event type `NOPE`; known types: ORDER_CREATED, INVENTORY_ADJUSTED
 */
export class UnknownEventTypeError extends EventflakeError {
  readonly eventType: string;
  readonly knownTypes: readonly string[];

  constructor(eventType: string, knownTypes: readonly string[]) {
    super('ERR_UNKNOWN_EVENT_TYPE', unknownTypeMessage(eventType, knownTypes), { retriable: false });
    this.eventType = eventType;
    this.knownTypes = knownTypes;
  }
}

/** One wording for unknown types, shared by the thrown error and the parse issue. */
export function unknownTypeMessage(eventType: string, knownTypes: readonly string[]): string {
  const known = knownTypes.length === 0 ? '(none)' : knownTypes.join(', ');
  return `Unknown event type \`${clip(eventType, 64)}\`; known types: ${known}`;
}

/** Shortens text taken from input so a huge value cannot bloat an error message. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 3;
  // Cutting between the halves of a surrogate pair would leave invalid UTF-16 in the message.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}...`;
}
