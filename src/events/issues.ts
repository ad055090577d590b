import type { z } from 'zod';
import { clip } from './errors.js';

/**
 * One problem found in an event. `code` is stable and machine-readable:
 * - zod's codes: `invalid_type` (wrong type or missing field), `too_small`, `too_big`, `invalid_format`,
 *   `invalid_value` (not one of the allowed values), `not_multiple_of`, `invalid_union`, `invalid_key`,
 *   `invalid_element`;
 * - eventflake's: `not_an_object`, `unknown_event_type`, `unrecognized_key` (one issue per unknown key,
 *   its path ending in the key), `unreadable_input` (the input threw while being read),
 *   `too_many_issues`, and the rule codes of the definitions (`total_mismatch`, `too_many_decimals`,
 *   `decimal_overflow`, `not_integer`, `invalid_unicode`, `quantity_sign`, `customer_mismatch`, …).
 */
export interface ParseIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

/** Why an event was rejected; `eventType` and `eventId` are echoed (shortened) when the input had them. */
export interface ParseFailure {
  readonly issues: readonly ParseIssue[];
  readonly eventType?: string;
  readonly eventId?: string;
}

export type ParseResult<TEvent> =
  | { readonly ok: true; readonly event: TEvent }
  | { readonly ok: false; readonly error: ParseFailure };

/** Enough to fix an event; a junk input with thousands of problems must not make a huge DLQ record. */
export const MAX_ISSUES = 20;
const MAX_MESSAGE = 300;
const MAX_SEGMENT = 100;

/** Converts zod issues into {@link ParseIssue}s: stable codes, bounded size, no input values. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): ParseIssue[] {
  const out: ParseIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.map(segmentOf);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: [...path, clip(key, MAX_SEGMENT)],
          code: 'unrecognized_key',
          message: 'Unknown field: the schema rejects keys it does not declare',
        });
      }
    } else {
      out.push({ path, code: codeOf(issue), message: clip(issue.message, MAX_MESSAGE) });
    }
  }
  return capped(out);
}

/**
 * Builds a failed {@link ParseResult}.
 *
 * @example
 * failure([{ path: [], code: 'not_an_object', message: 'Expected an event object, got null' }]);
 */
export function failure(issues: readonly ParseIssue[], input?: unknown): { ok: false; error: ParseFailure } {
  const error: { issues: readonly ParseIssue[]; eventType?: string; eventId?: string } = { issues };
  if (typeof input === 'object' && input !== null) {
    const { event_type: eventType, event_id: eventId } = input as Record<string, unknown>;
    if (typeof eventType === 'string') error.eventType = clip(eventType, 64);
    if (typeof eventId === 'string') error.eventId = clip(eventId, 64);
  }
  return { ok: false, error };
}

/**
 * Names the kind of a value without echoing it.
 *
 * @example
 * kindOf([]); // 'an array'
 */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

function codeOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'custom') return issue.code;
  const code: unknown = issue.params?.code;
  return typeof code === 'string' ? code : 'custom';
}

function segmentOf(segment: PropertyKey): string | number {
  if (typeof segment === 'number') return segment;
  return clip(typeof segment === 'symbol' ? segment.toString() : segment, MAX_SEGMENT);
}

function capped(issues: ParseIssue[]): ParseIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const hidden = issues.length - (MAX_ISSUES - 1);
  return [
    ...issues.slice(0, MAX_ISSUES - 1),
    { path: [], code: 'too_many_issues', message: `${hidden} more issues not shown` },
  ];
}
