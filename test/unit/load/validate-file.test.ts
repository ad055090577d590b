import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { createGenerator, wineShop } from '../../../src/generate/index.js';
import { stagedLine } from '../../../src/load/clean-row.js';
import { readLines } from '../../../src/load/line-reader.js';
import { type LoadFormat, validateFile } from '../../../src/load/validate-file.js';
import type { DeadLetter } from '../../../src/sink/dead-letter.js';
import type { RawEventRow } from '../../../src/warehouse/raw-layout.js';

const dir = mkdtempSync(join(tmpdir(), 'eventflake-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(name: string, content: Buffer, format: LoadFormat = 'jsonl') {
  const path = join(dir, name);
  writeFileSync(path, content);
  const rows: { row: RawEventRow; line: number }[] = [];
  const letters: DeadLetter[] = [];
  const counts = await validateFile(
    path,
    { format, parser: wineShopRegistry, maxLineBytes: 4096, fileLabel: name, now: () => new Date(0) },
    {
      row: (row, line) => {
        rows.push({ row, line });
        return undefined;
      },
      dead: (letter) => {
        letters.push(letter);
      },
      bytesRead: () => undefined,
    },
  );
  return { counts, rows, letters };
}

const [first, second] = createGenerator(wineShop, { seed: 9 }).take(2);
const json = (e: unknown) => JSON.stringify(e);

describe('validateFile', () => {
  it('reads gzip by its magic bytes, CRLF and a last line without a newline, skipping blank lines', async () => {
    const text = `${json(first)}\r\n\n${json(second)}`;
    const { counts, rows } = await validate('plain.txt.gz', gzipSync(text));
    expect(counts).toEqual({ lines: 2, valid: 2, bad: 0 });
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
    expect(JSON.parse(rows[1]?.row.eventMetadata ?? '')).toEqual({
      file: 'plain.txt.gz',
      line: 3,
      source: second?.source,
    });
  });

  it('dead-letters each bad line with its number and reason, and goes on', async () => {
    const content = Buffer.concat([
      Buffer.from(`{"event_type":\n${json({ ...first, event_type: 'NOPE' })}\n`),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
      Buffer.from(`${json({ ...first, event_data: { pad: 'x'.repeat(5000) } })}\n${json(first)}\n`),
    ]);
    const { counts, letters } = await validate('bad.jsonl', content);
    expect(counts).toEqual({ lines: 5, valid: 1, bad: 4 });
    expect(letters.map((l) => [l.lineage.line, l.reason.code, l.valueEncoding])).toEqual([
      [1, 'invalid_json', 'utf8'],
      [2, 'unknown_event_type', 'utf8'],
      [3, 'invalid_encoding', 'base64'],
      [4, 'invalid_event', 'utf8'],
    ]);
    expect(letters[3]?.reason.issues?.[0]?.code).toBe('line_too_long');
  });

  it('joins a CSV record whose quoted field spans lines and numbers it by its first line', async () => {
    const header = 'event_id,event_type,event_timestamp,product_id,customer_id,event_data,source';
    const broken = `${first?.event_id},ORDER_CREATED,x,,,"{""a"":\n1}",{}`;
    const { counts, letters } = await validate('multi.csv', Buffer.from(`${header}\n${broken}\n`), 'csv');
    expect(counts).toEqual({ lines: 1, valid: 0, bad: 1 });
    expect(letters[0]?.lineage.line).toBe(2);
    expect(letters[0]?.value).toBe(broken);
  });

  it('fails the file, not a line, when the CSV header is not the event layout', async () => {
    await expect(validate('header.csv', Buffer.from('id,name\n1,a\n'), 'csv')).rejects.toMatchObject({
      code: 'ERR_LOAD_FILE',
    });
  });
});

describe('readLines', () => {
  it('keeps a line split across read chunks whole', async () => {
    const long = 'y'.repeat(3 << 20);
    const path = join(dir, 'long.txt');
    writeFileSync(path, `a\n${long}\nb`);
    const lines: string[] = [];
    for await (const { bytes } of readLines(path)) lines.push(bytes.toString());
    expect(lines.map((l) => l.length)).toEqual([1, long.length, 1]);
  });
});

describe('stagedLine', () => {
  it('writes RAW column keys, embeds the JSON columns and leaves out NULL ids', () => {
    const row: RawEventRow = {
      eventId: 'id-1',
      eventType: 'INVENTORY_ADJUSTED',
      eventTimestamp: '2026-11-23T10:15:00.000Z',
      productId: 'PROD-001',
      customerId: null,
      eventData: '{"q":1}',
      eventMetadata: '{"file":"f","line":2}',
    };
    expect(JSON.parse(stagedLine(row, 7))).toEqual({
      SEQ: 7,
      EVENT_ID: 'id-1',
      EVENT_TYPE: 'INVENTORY_ADJUSTED',
      EVENT_TIMESTAMP: '2026-11-23T10:15:00.000Z',
      PRODUCT_ID: 'PROD-001',
      EVENT_DATA: { q: 1 },
      EVENT_METADATA: { file: 'f', line: 2 },
    });
  });
});
