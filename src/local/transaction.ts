import type { Row, Warehouse } from '../warehouse/warehouse.js';

/**
 * Runs statements as one transaction on the pipeline's single DuckDB connection and returns the
 * rows of the last one. Rejects with the failure, after the transaction is rolled back.
 *
 * The connection is shared with whoever writes RAW (a BatchSink) and runs calls one at a time in
 * call order, so the transaction is sent as one multi-statement call with its rollback queued right
 * behind it: nothing another caller sends can land inside it. DuckDB stops a script at its first
 * failing statement, so COMMIT is reached only if everything before it succeeded. Multi-statement
 * calls take no bound values: callers inline only validated spec identifiers as literals.
 *
 * @example
 * const [row] = await runInTransaction(wh, [fill, advance, body], 'SELECT COUNT(*) AS n FROM temp.main."P"');
 */
export async function runInTransaction(
  warehouse: Pick<Warehouse, 'execute'>,
  statements: readonly string[],
  afterCommit?: string,
): Promise<Row[]> {
  const script = [
    'BEGIN TRANSACTION',
    ...statements,
    'COMMIT',
    ...(afterCommit === undefined ? [] : [afterCommit]),
  ];
  const run = warehouse.execute(script.join(';\n'));
  // A failed statement can leave the transaction open with earlier statements applied (DuckDB does
  // not abort it on a binder error such as a missing table): this ends it. After a COMMIT it fails
  // with "no transaction is active", which is expected and ignored.
  const cleanup = warehouse.execute('ROLLBACK').catch(() => undefined);
  try {
    return await run;
  } finally {
    await cleanup;
  }
}

/**
 * A SQL text literal for a validated spec identifier (`SCHEMA.NAME`), for statements that cannot
 * bind values.
 *
 * @example
 * identifierLiteral('RAW_DATA.STREAM_RAW_ORDERS'); // "'RAW_DATA.STREAM_RAW_ORDERS'"
 */
export function identifierLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
