import { EventflakeError } from '../errors.js';

/** Why local mode refused a call. */
export type LocalPipelineErrorCode =
  | 'ERR_LOCAL_UNKNOWN_STREAM'
  | 'ERR_LOCAL_UNKNOWN_TASK'
  | 'ERR_LOCAL_CLOSED';

/**
 * A call local mode cannot serve: a stream or task the spec does not have, or a closed pipeline.
 * Task failures are not thrown: they are recorded as FAILED runs.
 *
 * @example
 * try { await local.streamHasData('NOPE'); } catch (err) {
 *   if (err instanceof LocalPipelineError && err.code === 'ERR_LOCAL_UNKNOWN_STREAM') showStreams();
 * }
 */
export class LocalPipelineError extends EventflakeError {
  declare readonly code: LocalPipelineErrorCode;

  constructor(code: LocalPipelineErrorCode, message: string) {
    super(code, message, { retriable: false });
  }
}
