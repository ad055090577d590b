import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropshippingRegistry } from '../../../src/events/dropshipping.js';
import { createRegistry } from '../../../src/events/registry.js';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { decodeRecord } from '../../../src/sink/decode-record.js';
import type { EventParser } from '../../../src/sink/event-parser.js';
import { toJsonText } from '../../../src/sink/json-text.js';
import { generatedEvents, mutatedLine } from '../load/event-mutations.js';

const registry = createRegistry([...wineShopRegistry.definitions, ...dropshippingRegistry.definitions]);
/** The same definitions behind a parser that is not a createRegistry registry: no fast path. */
const usualPath: EventParser = { parse: (input) => registry.parse(input) };
const now = () => new Date('2026-12-06T10:00:00.000Z');
const lineage = {
  topic: 'sales_events',
  partition: 2,
  offset: 41,
  key: 'PROD-007',
  headers: {},
  timestamp: 1,
};

describe('decodeRecord', () => {
  it('decodes every record, bytes or text, as the usual path does, with or without the fast path (property)', () => {
    const events = generatedEvents(200, 9);
    const lines = fc.oneof(mutatedLine(events), fc.constantFrom(...events.map((e) => JSON.stringify(e))));
    fc.assert(
      fc.property(lines, fc.boolean(), (text, asBytes) => {
        const record = { value: asBytes ? Buffer.from(text) : text, lineage };
        expect(decodeRecord(record, registry, now)).toEqual(decodeRecord(record, usualPath, now));
      }),
      { numRuns: 3_000, seed: 41 },
    );
  });

  it("writes EVENT_METADATA from the source's lineageJson as from its lineage, on both paths", () => {
    const [event] = generatedEvents(1, 3);
    const canonical = JSON.stringify(event);
    const spaced = JSON.stringify(event, null, 1);
    for (const text of [canonical, spaced]) {
      const plain = decodeRecord({ value: text, lineage }, registry, now);
      const withJson = decodeRecord(
        { value: text, lineage, lineageJson: toJsonText(lineage) },
        registry,
        now,
      );
      expect(plain.kind).toBe('row');
      expect(withJson).toEqual(plain);
      // The text stands for the lineage: a source that supplies it decides what EVENT_METADATA says.
      const marked = decodeRecord({ value: text, lineage, lineageJson: '{"from":"text"}' }, registry, now);
      expect(marked.kind === 'row' && JSON.parse(marked.row.eventMetadata ?? '{}').from).toBe('text');
    }
  });
});
