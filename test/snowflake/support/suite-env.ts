/**
 * Which SNOWFLAKE_* variables the real-Snowflake suite needs. Read by vitest.config.ts (the `snowflake`
 * project exists only when none is missing) and by `npm run test:snowflake`; it never connects.
 */
export const REQUIRED_SNOWFLAKE_VARIABLES = [
  'SNOWFLAKE_ACCOUNT',
  'SNOWFLAKE_USER',
  'SNOWFLAKE_WAREHOUSE',
] as const;

/** Either one authenticates; key-pair wins when both are set, as in the library. */
export const AUTH_VARIABLES = ['SNOWFLAKE_PASSWORD', 'SNOWFLAKE_PRIVATE_KEY_PATH'] as const;

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== '';

/**
 * The variables (or alternatives) still unset; empty when the suite can run. Names only, never values.
 *
 * @example
 * missingSnowflakeVariables({ SNOWFLAKE_ACCOUNT: 'org-acct' });
 * // => ['SNOWFLAKE_USER', 'SNOWFLAKE_WAREHOUSE', 'one of SNOWFLAKE_PASSWORD / SNOWFLAKE_PRIVATE_KEY_PATH']
 */
export function missingSnowflakeVariables(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = REQUIRED_SNOWFLAKE_VARIABLES.filter((name) => !isSet(env[name]));
  if (!AUTH_VARIABLES.some((name) => isSet(env[name]))) missing.push(`one of ${AUTH_VARIABLES.join(' / ')}`);
  return missing;
}

/**
 * The ways to log in the variables allow: each gets its own connection test.
 *
 * @example
 * authMethods({ SNOWFLAKE_PASSWORD: '…' }); // => ['password']
 */
export function authMethods(env: NodeJS.ProcessEnv): ('password' | 'key-pair')[] {
  return [
    ...(isSet(env.SNOWFLAKE_PASSWORD) ? (['password'] as const) : []),
    ...(isSet(env.SNOWFLAKE_PRIVATE_KEY_PATH) ? (['key-pair'] as const) : []),
  ];
}
