import snowflake, { type Binds, type Connection } from 'snowflake-sdk';

/**
 * snowflake-sdk connections to the fakesnow emulator (test/setup/fakesnow-server.ts), tuned to fail
 * fast: the driver retries a failed request up to 1,000 times with backoff, so a bridge or emulator
 * bug would otherwise hang a test for minutes instead of failing it.
 */
export interface EmulatorConnectionOptions {
  database?: string;
  schema?: string;
  /** Per HTTP request, and the deadline for each statement. @default 15000 */
  timeoutMs?: number;
}

export interface EmulatorConnection {
  /** The driver's own connection, for what `execute` does not cover. */
  readonly connection: Connection;
  /**
   * Runs one statement with positional `?` binds (an array of rows binds a batch) and resolves with
   * its rows as objects keyed by column name. Rejects with the driver's error, whose `code` is the
   * Snowflake error code.
   */
  execute<Row extends object = Record<string, unknown>>(sqlText: string, binds?: Binds): Promise<Row[]>;
  close(): Promise<void>;
}

// The driver's default logger writes snowflake.log into the working directory: keep only errors, on stderr.
snowflake.configure({
  logLevel: 'ERROR',
  customLogger: {
    error: (message) => console.error(`[snowflake-sdk] ${message}`),
    warn: () => {},
    info: () => {},
    debug: () => {},
    trace: () => {},
  },
});

/**
 * Opens a connection to the emulator; account, user and password are placeholders it accepts.
 *
 * @example
 * const snow = await connectToEmulator(inject('fakesnowUrl'), { database: 'DEMO', schema: 'RAW' });
 * const rows = await snow.execute<{ N: number }>('SELECT COUNT(*) AS n FROM events WHERE kind = ?', ['order']);
 * await snow.close();
 */
export async function connectToEmulator(
  accessUrl: string,
  { database, schema, timeoutMs = 15_000 }: EmulatorConnectionOptions = {},
): Promise<EmulatorConnection> {
  const connection = snowflake.createConnection({
    accessUrl,
    account: 'eventflake',
    username: 'eventflake',
    password: 'emulator',
    ...(database ? { database } : {}),
    ...(schema ? { schema } : {}),
    timeout: timeoutMs,
    sfRetryMaxLoginRetries: 1,
  });
  await withDeadline('connecting to the Snowflake emulator', timeoutMs, connection.connectAsync());
  return {
    connection,
    execute: <Row extends object>(sqlText: string, binds?: Binds) =>
      withDeadline(
        `statement \`${sqlText.slice(0, 80)}\``,
        timeoutMs,
        new Promise<Row[]>((resolve, reject) => {
          connection.execute({
            sqlText,
            ...(binds ? { binds } : {}),
            complete: (error, _statement, rows) => (error ? reject(error) : resolve((rows ?? []) as Row[])),
          });
        }),
      ),
    close: () =>
      new Promise<void>((resolve, reject) => {
        connection.destroy((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function withDeadline<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
