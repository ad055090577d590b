export {
  type Bail,
  backoff,
  createRetry,
  RetriesExhaustedError,
  type RetryFunction,
  type RetryInfo,
  type RetryOptions,
  sleep,
} from './create-retry.js';
export { isRetriable } from './is-retriable.js';
