import type { FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { clip } from '../../events/errors.js';
import { kindOf, type ParseResult } from '../../events/issues.js';
import { type BadRowPolicy, describeIssues, ReplayError, reportBadRow } from './replay-error.js';

/** Validates one parsed line; the events registries fit this shape. */
export interface LineValidator<E> {
  parse(input: unknown): ParseResult<E>;
}

/** An envelope read without a registry: the three fields every event must have, the rest unchecked. */
export interface LooseEnvelope {
  readonly event_id: string;
  readonly event_type: string;
  readonly event_timestamp: string;
  readonly [field: string]: unknown;
}

const REQUIRED = ['event_id', 'event_type', 'event_timestamp'] as const;

/** Minimal check used when no registry is given. */
export const looseEnvelope: LineValidator<LooseEnvelope> = {
  parse(input) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return {
        ok: false,
        error: {
          issues: [
            { path: [], code: 'not_an_object', message: `Expected an event object, got ${kindOf(input)}` },
          ],
        },
      };
    }
    const record = input as Record<string, unknown>;
    const issues = REQUIRED.filter((key) => typeof record[key] !== 'string' || record[key] === '').map(
      (key) => ({
        path: [key],
        code: 'invalid_type',
        message: `Expected a non-empty string, got ${kindOf(record[key])}`,
      }),
    );
    return issues.length === 0
      ? { ok: true, event: record as LooseEnvelope }
      : { ok: false, error: { issues } };
  },
};

/**
 * Read one envelope per line (seed 001's orders_events.jsonl), streamed with readline. Blank lines
 * are skipped; a line that is not JSON or that the validator rejects is a bad row at its line number.
 */
export async function* readEnvelopesJsonl<E>(
  file: string,
  handle: FileHandle,
  validator: LineValidator<E>,
  onBadRow: BadRowPolicy,
): AsyncGenerator<E, void, undefined> {
  const input = handle.createReadStream({ encoding: 'utf8', autoClose: false });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        reportBadRow(
          onBadRow,
          new ReplayError('ERR_REPLAY_ROW', file, line, `invalid JSON (${clip(detail, 120)})`),
        );
        continue;
      }
      const checked = validator.parse(value);
      if (checked.ok) yield checked.event;
      else
        reportBadRow(
          onBadRow,
          new ReplayError('ERR_REPLAY_ROW', file, line, describeIssues(checked.error.issues)),
        );
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
