import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeadLetter } from '../../../src/sink/dead-letter.js';
import { toJsonText } from '../../../src/sink/json-text.js';
import { JsonlFileDeadLetterQueue, readDeadLetters } from '../../../src/sink/jsonl-file-dead-letter-queue.js';
import { collect } from './support/collect.js';

function letter(n: number): DeadLetter {
  return {
    value: `{"n":${n}`,
    valueEncoding: 'utf8',
    reason: { code: 'invalid_json', message: 'Not JSON: Unexpected end of JSON input' },
    lineage: { topic: 'sales_events', partition: 0, offset: BigInt(n), key: Buffer.from('CUST-00042') },
    failedAt: '2026-11-23T10:15:00.000Z',
  };
}

describe('JsonlFileDeadLetterQueue', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventflake-dlq-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('appends one JSON line per letter, creating folders, readable back with lineage made JSON-safe', async () => {
    const path = join(dir, 'nested', 'dead-letters.jsonl');
    const dlq = new JsonlFileDeadLetterQueue({ path });
    await dlq.write([letter(1), letter(2)]);
    await dlq.write([letter(3)]);
    await dlq.close();
    const text = await readFile(path, 'utf8');
    expect(text.split('\n')).toHaveLength(4);
    const letters = await collect(readDeadLetters(path));
    expect(letters.map((l) => l.lineage)).toEqual(
      [1, 2, 3].map((n) => ({
        topic: 'sales_events',
        partition: 0,
        offset: String(n),
        key: 'CUST-00042',
      })),
    );
    expect(letters[0]?.value).toBe('{"n":1');
  });

  it('creates the file readable by its owner only', async () => {
    const path = join(dir, 'dlq.jsonl');
    const dlq = new JsonlFileDeadLetterQueue({ path });
    await dlq.write([letter(1)]);
    await dlq.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('starts a fresh line after a torn last line, so acknowledged letters stay readable', async () => {
    const path = join(dir, 'dlq.jsonl');
    await appendFile(path, `${toJsonText(letter(1))}\n{"value":"torn`);
    const dlq = new JsonlFileDeadLetterQueue({ path });
    await dlq.write([letter(2)]);
    await dlq.close();
    const letters = await collect(readDeadLetters(path));
    expect(letters.map((l) => l.lineage.offset)).toEqual(['1', '2']);
  });

  it('keeps lines whole when writes overlap', async () => {
    const path = join(dir, 'dlq.jsonl');
    const dlq = new JsonlFileDeadLetterQueue({ path });
    await Promise.all(Array.from({ length: 20 }, (_, i) => dlq.write([letter(i), letter(i + 100)])));
    await dlq.close();
    expect(await collect(readDeadLetters(path))).toHaveLength(40);
  });
});
