import { describe, expect, it } from 'vitest';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { createGenerator, wineShop } from '../../../src/generate/index.js';
import {
  csvRecordToEnvelope,
  EVENT_CSV_COLUMNS,
  eventCsvHeader,
  eventToCsvRecord,
  splitCsvRecord,
} from '../../../src/load/event-csv.js';

describe('event CSV', () => {
  it('splits quoted fields with commas, doubled quotes and empty cells', () => {
    expect(splitCsvRecord('a,"b,""c""",')).toEqual(['a', 'b,"c"', '']);
    expect(splitCsvRecord('"multi\nline",x')).toEqual(['multi\nline', 'x']);
  });

  it('refuses a misplaced quote', () => {
    expect(splitCsvRecord('a"b,c')).toBeUndefined();
    expect(splitCsvRecord('"ab"c,d')).toBeUndefined();
    expect(splitCsvRecord('"open')).toBeUndefined();
  });

  it('round-trips generated events into envelopes the registry accepts unchanged', () => {
    const columns = eventCsvHeader([...EVENT_CSV_COLUMNS].reverse());
    const reordered = [...EVENT_CSV_COLUMNS].reverse();
    for (const event of createGenerator(wineShop, { seed: 5 }).take(200)) {
      const fields = splitCsvRecord(eventToCsvRecord(event as unknown as Record<string, unknown>)) ?? [];
      const byName = new Map(EVENT_CSV_COLUMNS.map((c, i) => [c, fields[i] ?? '']));
      const built = csvRecordToEnvelope(
        reordered.map((c) => byName.get(c) ?? ''),
        columns,
      );
      expect('envelope' in built && wineShopRegistry.parse(built.envelope)).toEqual({ ok: true, event });
    }
  });

  it('names a cell that is not JSON, and a record with the wrong number of fields', () => {
    const columns = eventCsvHeader([...EVENT_CSV_COLUMNS]);
    const notJson = csvRecordToEnvelope(['id', 'T', 'x', '', '', '{"a":', '{}'], columns);
    expect('reason' in notJson && notJson.reason.code).toBe('invalid_json');
    expect('reason' in notJson && notJson.reason.message).toMatch(/^event_data: Not JSON/);
    const short = csvRecordToEnvelope(['id'], columns);
    expect('reason' in short && short.reason.issues?.[0]?.code).toBe('csv_fields');
  });

  it('rejects a header that is not the event layout', () => {
    expect(() => eventCsvHeader(['id', 'customer_id'])).toThrow(/event_id, event_type/);
    expect(() => eventCsvHeader([...EVENT_CSV_COLUMNS, 'extra'])).toThrow(/exactly 7 columns/);
  });
});
