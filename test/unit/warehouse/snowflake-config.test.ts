import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import {
  snowflakeConfigFromEnv,
  validateSnowflakeConfig,
} from '../../../src/warehouse/snowflake/snowflake-config.js';

describe('Snowflake config', () => {
  it('is absent when SNOWFLAKE_ACCOUNT is unset, so callers fall back to local mode', () => {
    expect(snowflakeConfigFromEnv({ SNOWFLAKE_USER: 'LOADER' })).toBeUndefined();
  });

  it('reads password and key-pair settings from the environment', () => {
    expect(
      snowflakeConfigFromEnv({
        SNOWFLAKE_ACCOUNT: 'org-acct',
        SNOWFLAKE_USER: 'LOADER',
        SNOWFLAKE_PRIVATE_KEY_PATH: '/keys/rsa.p8',
        SNOWFLAKE_DATABASE: 'CAVES_ALBERT_DB',
      }),
    ).toEqual({
      account: 'org-acct',
      username: 'LOADER',
      privateKeyPath: '/keys/rsa.p8',
      database: 'CAVES_ALBERT_DB',
    });
  });

  it('names the missing variable and never echoes a secret', () => {
    const attempt = () =>
      snowflakeConfigFromEnv({
        SNOWFLAKE_ACCOUNT: 'org-acct',
        SNOWFLAKE_USER: 'LOADER',
        SNOWFLAKE_PASSWORD: '',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_PATH/);
    expect(() =>
      snowflakeConfigFromEnv({ SNOWFLAKE_ACCOUNT: 'org-acct', SNOWFLAKE_PASSWORD: 's3cr3t' }),
    ).toThrow(/SNOWFLAKE_USER/);
    try {
      snowflakeConfigFromEnv({ SNOWFLAKE_ACCOUNT: 'org-acct', SNOWFLAKE_PASSWORD: 's3cr3t' });
    } catch (error) {
      expect(String(error)).not.toContain('s3cr3t');
    }
  });

  it('rejects a malformed access URL and pool size, naming the field', () => {
    const base = { account: 'a', username: 'u', password: 'p' };
    expect(() => validateSnowflakeConfig({ ...base, accessUrl: 'ftp://x' })).toThrow(/`accessUrl`/);
    expect(() => validateSnowflakeConfig({ ...base, poolSize: 0 })).toThrow(
      /`poolSize` to be a whole number/,
    );
    expect(validateSnowflakeConfig({ ...base, accessUrl: 'http://127.0.0.1:8080' }).accessUrl).toBe(
      'http://127.0.0.1:8080',
    );
  });
});
