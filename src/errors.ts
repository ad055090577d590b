/**
 * Every error eventflake throws is an `EventflakeError` with a stable `code`, so callers
 * branch on `err.code` rather than on message text, which may change between versions.
 *
 * @example
 * try { await sink.flush(); } catch (err) {
 *   if (isEventflakeError(err) && err.retriable) scheduleRetry();
 * }
 */
export class EventflakeError extends Error {
  readonly code: string;
  /** Whether trying the same operation again may succeed (network blip, lock, throttling). */
  readonly retriable: boolean;

  constructor(code: string, message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/**
 * A configuration value is missing or wrong. The message names the field and what was expected,
 * never the value itself when the field may hold a secret.
 *
 * @example
 * throw new ConfigError('sink.maxBatchEvents', 'a whole number from 1 to 100000', 0);
 */
export class ConfigError extends EventflakeError {
  readonly field: string;
  readonly expected: string;

  constructor(field: string, expected: string, received?: unknown, options: { secret?: boolean } = {}) {
    const got = options.secret ? '' : `, got ${describeValue(received)}`;
    super('ERR_CONFIG', `Expected \`${field}\` to be ${expected}${got}`, { retriable: false });
    this.field = field;
    this.expected = expected;
  }
}

/** Narrow an unknown thrown value to an eventflake error. */
export function isEventflakeError(value: unknown): value is EventflakeError {
  return value instanceof EventflakeError;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\` (string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `\`${String(value)}\` (${typeof value})`;
  }
  if (value === null) return '`null`';
  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}
