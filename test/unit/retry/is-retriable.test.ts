import { describe, expect, it } from 'vitest';
import { EventflakeError } from '../../../src/errors.js';
import { isRetriable } from '../../../src/retry/index.js';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isRetriable', () => {
  it('trusts an explicit retriable flag', () => {
    expect(isRetriable(new EventflakeError('ERR_X', 'lock timeout', { retriable: true }))).toBe(true);
    expect(isRetriable(new EventflakeError('ERR_X', 'bad row', { retriable: false }))).toBe(false);
  });

  it('treats socket and DNS failures as retriable, also down the cause chain', () => {
    expect(isRetriable(withCode('ECONNRESET'))).toBe(true);
    expect(isRetriable(withCode('EAI_AGAIN'))).toBe(true);
    const wrapped = new EventflakeError('ERR_QUERY', 'query failed', { cause: withCode('ETIMEDOUT') });
    expect(isRetriable(wrapped)).toBe(true);
  });

  it('does not retry programmer errors, unknown errors or non-errors', () => {
    expect(isRetriable(new TypeError('x is undefined'))).toBe(false);
    expect(isRetriable(Object.assign(new RangeError('bad'), { retriable: true }))).toBe(false);
    expect(isRetriable(withCode('ENOENT'))).toBe(false);
    expect(isRetriable(new Error('plain'))).toBe(false);
    expect(isRetriable('ECONNRESET')).toBe(false);
    expect(isRetriable(undefined)).toBe(false);
  });

  it('stops on a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.defineProperty(a, 'cause', { value: b });
    expect(isRetriable(a)).toBe(false);
  });
});
