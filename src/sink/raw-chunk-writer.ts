import type { RetryFunction } from '../retry/create-retry.js';
import { type QualifiedName, quoteIdentifier, quoteQualified } from '../warehouse/identifier.js';
import { RAW_COLUMNS } from '../warehouse/raw-layout.js';
import { vouchEventDataIsJson } from '../warehouse/vouched-json.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { BufferedRow } from './held-record.js';
import { type IsolationResult, insertIsolatingRejects } from './isolate-rejects.js';

/** What {@link RawChunkWriter} needs: the warehouse, the RAW table, and the retry of transient errors. */
export interface RawChunkWriterParts {
  readonly warehouse: Pick<Warehouse, 'insertRawEvents' | 'execute'>;
  readonly table: QualifiedName;
  readonly retry: RetryFunction;
}

/**
 * Inserts one chunk of buffered rows into RAW, retrying transient errors, and isolates by bisection the
 * rows the warehouse refuses on their own (a probe of the table tells a poison row from a table-wide
 * fault). Throws what must stop the sink: retries that ran out, or a table-wide refusal.
 *
 * @example
 * const writer = new RawChunkWriter({ warehouse, table: DEFAULT_RAW_TABLE, retry: createRetry() });
 * const { landed, result } = await writer.write(chunk);
 */
export class RawChunkWriter {
  readonly #parts: RawChunkWriterParts;
  readonly #probeSql: string;

  constructor(parts: RawChunkWriterParts) {
    this.#parts = parts;
    const columns = RAW_COLUMNS.map((column) => quoteIdentifier(column.name)).join(', ');
    this.#probeSql = `SELECT ${columns} FROM ${quoteQualified(parts.table)} WHERE 1 = 0`;
  }

  async write(
    chunk: readonly BufferedRow[],
  ): Promise<{ readonly result: IsolationResult<BufferedRow>; readonly landed: BufferedRow[] }> {
    const { warehouse, table, retry } = this.#parts;
    const result = await insertIsolatingRejects(chunk, {
      insert: (rows) =>
        retry(() =>
          // decodeRecord wrote every EVENT_DATA as JSON (JSON.stringify or the fast path's strict match).
          warehouse.insertRawEvents(table, vouchEventDataIsJson(rows.map((r) => r.row))),
        ),
      probe: () =>
        retry(async () => {
          await warehouse.execute(this.#probeSql);
        }),
    });
    const refused = new Set(result.rejected.map(({ item }) => item));
    return { result, landed: chunk.filter((row) => !refused.has(row)) };
  }
}
