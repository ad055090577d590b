import { describe, expect, it } from 'vitest';
import { cli } from './support.js';

/** One line on stderr, `eventflake: …`, and exit code 1. */
async function expectOneLineError(args: string[], env: Record<string, string>, names: RegExp) {
  const { code, stderr, stdout } = await cli(args, { env });
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^eventflake: /);
  expect(stderr).toMatch(names);
  return stderr;
}

describe('eventflake errors', () => {
  it('a wrong option value names the option', async () => {
    await expectOneLineError(['generate', '--count', 'lots'], {}, /--count/);
    await expectOneLineError(['generate', '--faults', 'typo=0.1'], {}, /--faults/);
    await expectOneLineError(['run-local', '--days', '0'], {}, /--days/);
    await expectOneLineError(['produce', '--brokers', 'no-port'], {}, /--brokers/);
  });

  it('an unknown option or command is named', async () => {
    await expectOneLineError(['validate', '--dbb', 'x'], {}, /--dbb/);
    await expectOneLineError(['deploy'], {}, /deploy/);
  });

  it('a wrong environment variable is named before anything runs', async () => {
    await expectOneLineError(['produce', '--count', '1'], { KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS/);
    await expectOneLineError(
      ['consume', '--brokers', '127.0.0.1:1'],
      { EVENTFLAKE_METRICS_PORT: 'ninety' },
      /EVENTFLAKE_METRICS_PORT/,
    );
    await expectOneLineError(
      ['produce'],
      { KAFKA_BROKERS: '127.0.0.1:1', KAFKA_TOPIC: 'bad topic!' },
      /KAFKA_TOPIC/,
    );
  });

  it('a missing setting names both the option and the variable', async () => {
    await expectOneLineError(['produce', '--count', '1'], {}, /--brokers.*KAFKA_BROKERS/);
    await expectOneLineError(['validate'], {}, /--db.*SNOWFLAKE_ACCOUNT/);
  });

  it('an incomplete Snowflake configuration names the variable and never prints the password', async () => {
    const stderr = await expectOneLineError(
      ['validate'],
      { SNOWFLAKE_ACCOUNT: 'myorg-acct', SNOWFLAKE_PASSWORD: 'hunter2-secret' },
      /SNOWFLAKE_USER/,
    );
    expect(stderr).not.toContain('hunter2-secret');
  });

  it('validate on a missing DuckDB file says so instead of creating an empty one', async () => {
    await expectOneLineError(
      ['validate', '--db', '/nonexistent/caves.duckdb'],
      {},
      /--db.*existing DuckDB file/,
    );
  });
});
