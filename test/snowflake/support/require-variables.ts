/**
 * `npm run test:snowflake` runs this first: without the variables the `snowflake` project does not exist,
 * and vitest alone would only say that no project matched.
 */
import { missingSnowflakeVariables } from './suite-env.js';

const missing = missingSnowflakeVariables(process.env);
if (missing.length > 0) {
  process.stderr.write(
    `test:snowflake: not set: ${missing.join(', ')}.\n` +
      'The suite runs against a real Snowflake account and reads these from the environment (a .env file is ' +
      'not read). What it creates and drops, the privileges its role needs and what it costs: ' +
      'docs/testing.md, "Against real Snowflake".\n',
  );
  process.exit(1);
}
