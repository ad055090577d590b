import { describe, expect, it } from 'vitest';
import { SnowflakeQueryError } from '../../src/warehouse/snowflake/snowflake-driver.js';
import { SnowflakeWarehouse } from '../../src/warehouse/snowflake/snowflake-warehouse.js';
import { accountConfig, testQueryTag, withAuth } from './support/account.js';
import { authMethods } from './support/suite-env.js';

/** Unquoted Snowflake names resolve upper-cased: `loader` logs in as LOADER. */
const sameName = (value: unknown, variable: string | undefined) =>
  String(value).toUpperCase() === String(variable).trim().toUpperCase();

describe('connecting to a real Snowflake account', () => {
  // One test per way of logging in the variables allow (password, key-pair): both when both are set.
  for (const method of authMethods(process.env)) {
    it(`logs in with ${method} auth as SNOWFLAKE_USER on SNOWFLAKE_WAREHOUSE, tagging the session`, async () => {
      const queryTag = testQueryTag(`connect-${method}`);
      const wh = await SnowflakeWarehouse.connect({
        ...withAuth(accountConfig(), method),
        queryTag,
        poolSize: 1,
      });
      try {
        const [session] = await wh.execute(
          'SELECT CURRENT_USER() AS "USER", CURRENT_WAREHOUSE() AS "WAREHOUSE", CURRENT_ROLE() AS "ROLE"',
        );
        expect(sameName(session?.USER, process.env.SNOWFLAKE_USER)).toBe(true);
        expect(sameName(session?.WAREHOUSE, process.env.SNOWFLAKE_WAREHOUSE)).toBe(true);
        const role = process.env.SNOWFLAKE_ROLE?.trim();
        if (role) expect(sameName(session?.ROLE, role)).toBe(true);

        const parameters = await wh.execute("SHOW PARAMETERS LIKE 'QUERY_TAG' IN SESSION");
        expect(parameters.map((p) => p.value)).toEqual([queryTag]);
      } finally {
        await wh.close();
      }
    });
  }

  it('surfaces a refused statement as a non-retriable SnowflakeQueryError with Snowflake’s code', async () => {
    const wh = await SnowflakeWarehouse.connect({
      ...accountConfig(),
      queryTag: testQueryTag('connect-error'),
      poolSize: 1,
    });
    try {
      const failure = wh.execute('SELECT 1 FROM "EVENTFLAKE_NO_SUCH_DATABASE"."PUBLIC"."NO_SUCH_TABLE"');
      await expect(failure).rejects.toBeInstanceOf(SnowflakeQueryError);
      await expect(failure).rejects.toMatchObject({
        code: 'ERR_SNOWFLAKE_QUERY',
        snowflakeCode: '002003',
        retriable: false,
      });
    } finally {
      await wh.close();
    }
  });
});
