import type { EventDefinition } from '../define-event.js';
import { isCreatedRegistry } from '../registry.js';
import { isWellFormed } from '../text.js';
import { compileEnvelope, type FastEvent } from './envelope-matcher.js';
import { NotCompilable } from './not-compilable.js';

export type { FastEvent } from './envelope-matcher.js';

/**
 * A registry's shortcut from JSON text to RAW values, for events written the way JSON.stringify writes
 * them (as eventflake's producer, generator and export do): no JSON.parse, no zod parse of the whole
 * object, no JSON.stringify of EVENT_DATA. Whatever it does not match, the registry parses as usual, so
 * results are the same either way; only the time differs.
 */
export interface FastPath {
  /**
   * The RAW values of a valid event, or `undefined` to parse it the usual way (invalid, written
   * otherwise, or a type outside the subset). `decodedFromUtf8`: the text came from a strict UTF-8
   * decoder, so it holds no lone surrogate and needs no check for one.
   */
  match(text: string, decodedFromUtf8: boolean): FastEvent | undefined;
  /** The types every event of which goes the usual way, each with the reason. */
  readonly unmatched: ReadonlyMap<string, string>;
}

const compiled = new WeakMap<object, FastPath>();

const PREFIX = '{"event_id":"';
const TYPE_KEY = '","event_type":"';

/**
 * The fast path of a registry built by `createRegistry` (compiled once, then cached), or `undefined`
 * for any other parser, whose `parse` may check more than its definitions say.
 *
 * @example
 * fastPathOf(wineShopRegistry)?.match(text, true)?.eventId;
 */
export function fastPathOf(parser: unknown): FastPath | undefined {
  if (!isCreatedRegistry(parser)) return undefined;
  let path = compiled.get(parser);
  if (path === undefined) {
    path = compileRegistry(parser.definitions);
    compiled.set(parser, path);
  }
  return path;
}

function compileRegistry(definitions: readonly EventDefinition[]): FastPath {
  const byType = new Map<string, (text: string) => FastEvent | undefined>();
  const unmatched = new Map<string, string>();
  for (const definition of definitions) {
    try {
      byType.set(definition.type, compileEnvelope(definition));
    } catch (error) {
      if (!(error instanceof NotCompilable)) throw error;
      unmatched.set(definition.type, error.message);
    }
  }
  return {
    unmatched,
    match(text, decodedFromUtf8) {
      // event_id comes first and event_type second: the type is read before the whole text is matched.
      if (!text.startsWith(PREFIX)) return undefined;
      const at = text.indexOf(TYPE_KEY, PREFIX.length);
      if (at < 0) return undefined;
      const from = at + TYPE_KEY.length;
      const matcher = byType.get(text.slice(from, text.indexOf('"', from)));
      // JSON.stringify escapes a lone surrogate, which a string source can hold and a decoder cannot.
      if (matcher === undefined || (!decodedFromUtf8 && !isWellFormed(text))) return undefined;
      return matcher(text);
    },
  };
}
