import type { Envelope } from '../events/envelope.js';
import type { ParseResult } from '../events/issues.js';

/**
 * The part of an event registry the sink uses. Any registry from `createRegistry(...)` satisfies it, and
 * so does any object with the same never-throwing `parse` (e.g. one built on another schema library).
 *
 * @example
 * const parser: EventParser = wineShopRegistry;
 * const result = parser.parse(JSON.parse(text));
 * if (!result.ok) console.log(result.error.issues);
 */
export interface EventParser {
  parse(input: unknown): ParseResult<Envelope>;
}
