import type { RawEventRow } from '../../warehouse/raw-layout.js';
import type { EventDefinition } from '../define-event.js';
import { ENVELOPE_KEYS } from '../envelope.js';
import { NotCompilable } from './not-compilable.js';
import { compileObjectPattern, GroupCounter } from './pattern-tree.js';
import { compileReader, DECLINE } from './reader-codegen.js';

/**
 * What RAW needs of a valid event, read straight from its JSON text: the envelope's columns, EVENT_DATA as
 * JSON.stringify writes the parsed `event_data`, and likewise the text of the `source` block.
 */
export interface FastEvent extends Omit<RawEventRow, 'eventMetadata'> {
  /** `JSON.stringify(event.source)` of the event the registry would return. */
  readonly source: string;
}

const KEPT: ReadonlySet<string> = new Set(['event_data', 'source']);

/**
 * One regular expression for a definition's whole envelope, as JSON.stringify writes a valid event,
 * and the reading of its captures through the definition's own zod checks. Returns the event's RAW
 * values, or `undefined` when the text is written some other way or the event is invalid: the registry
 * then decides, as always. Throws {@link NotCompilable} for a schema outside the subset.
 *
 * @example
 * const match = compileEnvelope(orderCreated);
 * match('{"event_id":"…","event_type":"ORDER_CREATED",…}')?.eventData;
 */
export function compileEnvelope(definition: EventDefinition): (text: string) => FastEvent | undefined {
  const shape = (definition.schema._zod.def as { shape?: Record<string, unknown> }).shape ?? {};
  if (Object.keys(shape).join() !== ENVELOPE_KEYS.join()) throw new NotCompilable('an unusual envelope');
  const { pattern, node } = compileObjectPattern(definition.schema, new GroupCounter(), KEPT);
  const keptGroup = (key: string) => node.properties.find((p) => p.key === key)?.keptGroup;
  const dataGroup = keptGroup('event_data');
  const sourceGroup = keptGroup('source');
  if (dataGroup === undefined || sourceGroup === undefined) throw new NotCompilable('an unusual envelope');
  const regex = new RegExp(`^${pattern}$`);
  const read = compileReader(node);
  return (text) => {
    const match = regex.exec(text);
    if (match === null) return undefined;
    const envelope = read(match);
    if (envelope === DECLINE) return undefined;
    const { event_id, event_timestamp, product_id, customer_id } = envelope as Record<string, unknown>;
    const eventData = match[dataGroup];
    const source = match[sourceGroup];
    if (
      typeof event_id !== 'string' ||
      typeof event_timestamp !== 'string' ||
      !isId(product_id) ||
      !isId(customer_id) ||
      eventData === undefined ||
      source === undefined
    ) {
      return undefined;
    }
    return {
      eventId: event_id,
      eventType: definition.type,
      eventTimestamp: event_timestamp,
      productId: product_id,
      customerId: customer_id,
      eventData,
      source,
    };
  };
}

function isId(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}
