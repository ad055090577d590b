import { ConfigError } from '../../errors.js';

/** How eventflake reaches Snowflake. Secrets are read from here or the environment only, never logged. */
export interface SnowflakeConfig {
  /** Account identifier, e.g. `myorg-myaccount`. */
  readonly account: string;
  readonly username: string;
  /** Password auth. Exactly one of `password` and `privateKey`/`privateKeyPath` is used. */
  readonly password?: string;
  /** Key-pair (JWT) auth: PEM text. */
  readonly privateKey?: string;
  /** Key-pair (JWT) auth: path to a PEM file. */
  readonly privateKeyPath?: string;
  readonly privateKeyPassphrase?: string;
  readonly role?: string;
  readonly warehouse?: string;
  readonly database?: string;
  readonly schema?: string;
  /** Overrides the account URL; used for emulators and private links, e.g. `http://127.0.0.1:8080`. */
  readonly accessUrl?: string;
  /**
   * Tag on every query, to find eventflake's load in QUERY_HISTORY.
   * @default 'eventflake'
   */
  readonly queryTag?: string;
  /**
   * Connections kept in the pool.
   * @default 2
   */
  readonly poolSize?: number;
  /**
   * Per-request network timeout in milliseconds.
   * @default 60000
   */
  readonly timeoutMs?: number;
}

const ENV = {
  account: 'SNOWFLAKE_ACCOUNT',
  username: 'SNOWFLAKE_USER',
  password: 'SNOWFLAKE_PASSWORD',
  privateKeyPath: 'SNOWFLAKE_PRIVATE_KEY_PATH',
  privateKeyPassphrase: 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE',
  role: 'SNOWFLAKE_ROLE',
  warehouse: 'SNOWFLAKE_WAREHOUSE',
  database: 'SNOWFLAKE_DATABASE',
  schema: 'SNOWFLAKE_SCHEMA',
  accessUrl: 'SNOWFLAKE_ACCESS_URL',
} as const;

/**
 * Read a Snowflake config from `SNOWFLAKE_*` variables, or `undefined` when SNOWFLAKE_ACCOUNT is unset.
 *
 * @example
 * const config = snowflakeConfigFromEnv(process.env);
 * if (config) warehouse = await SnowflakeWarehouse.connect(config);
 */
export function snowflakeConfigFromEnv(env: NodeJS.ProcessEnv): SnowflakeConfig | undefined {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const account = read(ENV.account);
  if (account === undefined) return undefined;
  const config: Record<string, string> = { account };
  for (const [key, name] of Object.entries(ENV)) {
    const value = read(name);
    if (value !== undefined) config[key] = value;
  }
  return validateSnowflakeConfig(config as unknown as SnowflakeConfig, ENV);
}

/**
 * Check a config before any connection is attempted; errors name the field (or variable) and never echo secrets.
 *
 * @example
 * validateSnowflakeConfig({ account: 'org-acct', username: 'LOADER', password: process.env.PW });
 */
export function validateSnowflakeConfig(
  config: SnowflakeConfig,
  names: Partial<Record<keyof SnowflakeConfig, string>> = {},
): SnowflakeConfig {
  const field = (key: keyof SnowflakeConfig) => names[key] ?? key;
  if (typeof config.account !== 'string' || config.account === '') {
    throw new ConfigError(
      field('account'),
      'a Snowflake account identifier such as `myorg-myaccount`',
      config.account,
    );
  }
  if (typeof config.username !== 'string' || config.username === '') {
    throw new ConfigError(field('username'), 'the Snowflake user name', config.username);
  }
  const keyAuth = config.privateKey !== undefined || config.privateKeyPath !== undefined;
  if (!keyAuth && (config.password === undefined || config.password === '')) {
    throw new ConfigError(
      `${field('password')} or ${field('privateKeyPath')}`,
      'set: a password, or a private key for key-pair auth',
      undefined,
      { secret: true },
    );
  }
  if (config.accessUrl !== undefined && !/^https?:\/\/[^\s/]+(\/.*)?$/.test(config.accessUrl)) {
    throw new ConfigError(
      field('accessUrl'),
      'an http(s) URL such as `https://myorg-myaccount.snowflakecomputing.com`',
      config.accessUrl,
    );
  }
  if (config.poolSize !== undefined && !(Number.isInteger(config.poolSize) && config.poolSize >= 1)) {
    throw new ConfigError(field('poolSize'), 'a whole number from 1 and up', config.poolSize);
  }
  if (config.timeoutMs !== undefined && !(Number.isInteger(config.timeoutMs) && config.timeoutMs >= 1000)) {
    throw new ConfigError(
      field('timeoutMs'),
      'a whole number of milliseconds from 1000 and up',
      config.timeoutMs,
    );
  }
  return config;
}
