import { describe, expect, it } from 'vitest';
import { ConfigError, EventflakeError, isEventflakeError } from '../../src/errors.js';

describe('errors', () => {
  it('ConfigError names the field, the expectation and what it got', () => {
    const error = new ConfigError('sink.maxBatchEvents', 'a whole number from 1 to 100000', 0);
    expect(error.message).toBe(
      'Expected `sink.maxBatchEvents` to be a whole number from 1 to 100000, got `0` (number)',
    );
    expect(error.code).toBe('ERR_CONFIG');
    expect(error.retriable).toBe(false);
    expect(isEventflakeError(error)).toBe(true);
    expect(error.name).toBe('ConfigError');
  });

  it('never echoes a secret value', () => {
    const error = new ConfigError('SNOWFLAKE_PASSWORD', 'a non-empty string', 'hunter2', { secret: true });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('SNOWFLAKE_PASSWORD');
  });

  it('keeps the cause and the retriable flag', () => {
    const cause = new Error('socket hang up');
    const error = new EventflakeError('ERR_NETWORK', 'write failed', { retriable: true, cause });
    expect(error.cause).toBe(cause);
    expect(error.retriable).toBe(true);
    expect(isEventflakeError(cause)).toBe(false);
  });
});
