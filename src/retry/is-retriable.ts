/**
 * Socket and DNS failures that say nothing about the data: trying again later may succeed.
 * Node reports them as `err.code` on the error or somewhere down its `cause` chain.
 */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** How deep to follow `cause`; a cycle must not hang the check. */
const MAX_CAUSE_DEPTH = 8;

/**
 * Whether an operation that failed with `error` is worth trying again: an error (or one of its causes)
 * says `retriable: true`, or is a network failure. Programmer errors (TypeError, RangeError) never are,
 * whatever wraps them, so a bug cannot loop in retries.
 *
 * @example
 * isRetriable(Object.assign(new Error('reset'), { code: 'ECONNRESET' })); // => true
 * isRetriable(new EventflakeError('ERR_X', 'bad row', { retriable: false })); // => false
 */
export function isRetriable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth += 1) {
    if (current instanceof TypeError || current instanceof RangeError) return false;
    if ((current as { retriable?: unknown }).retriable === true) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}
