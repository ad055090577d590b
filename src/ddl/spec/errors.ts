import { EventflakeError } from '../../errors.js';

/**
 * A pipeline spec is inconsistent: a task names a parent that does not exist, a projection reads a
 * column the source table lacks, two objects share a name. Thrown when the spec is built, so a bad
 * spec never reaches a warehouse. Unsafe identifiers throw `UnsafeIdentifierError` instead.
 *
 * @example
 * try { pipeline({ ... }); } catch (err) { if (err instanceof DdlSpecError) console.error(err.message); }
 */
export class DdlSpecError extends EventflakeError {
  constructor(message: string) {
    super('ERR_DDL_SPEC', message, { retriable: false });
  }
}
