import type { FileHandle } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import { type DropshippingOrderEvent, dropshippingRegistry } from '../../events/dropshipping.js';
import { generatedEnvelope, REPLAY_PRODUCER } from '../generated-envelope.js';
import { uuidFromKey } from '../ids.js';
import { isZonedTimestamp } from '../options.js';
import { type BadRowPolicy, describeIssues, quoted, ReplayError, reportBadRow } from './replay-error.js';

/** Columns of seed 002's orders.csv, in its order. */
export const ORDER_CSV_COLUMNS = [
  'id',
  'customer_id',
  'product_id',
  'quantity',
  'unit_price',
  'sold_at',
] as const;
type OrderColumn = (typeof ORDER_CSV_COLUMNS)[number];

/**
 * Read seed 002's orders.csv one record at a time (csv-parse, streamed) and yield `order_created`
 * envelopes. The event id is derived from the order id, so replaying a file twice yields the same
 * ids; `event_timestamp` is the order's `sold_at`. Extra columns are ignored.
 */
export async function* readOrdersCsv(
  file: string,
  handle: FileHandle,
  onBadRow: BadRowPolicy,
): AsyncGenerator<DropshippingOrderEvent, void, undefined> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  const input = handle.createReadStream({ autoClose: false });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let columns: Map<OrderColumn, number> | undefined;
  let width = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (columns === undefined) {
        columns = headerColumns(file, record);
        width = record.length;
        continue;
      }
      const line = info.lines;
      if (record.length !== width) {
        reportBadRow(
          onBadRow,
          rowError(file, line, `expected ${width} fields like the header, got ${record.length}`),
        );
        continue;
      }
      const built = orderEnvelope(record, columns);
      if ('reason' in built) {
        reportBadRow(onBadRow, rowError(file, line, built.reason));
        continue;
      }
      const checked = dropshippingRegistry.parse(built.envelope);
      if (!checked.ok) {
        reportBadRow(onBadRow, rowError(file, line, describeIssues(checked.error.issues.map(toColumnPath))));
        continue;
      }
      yield checked.event;
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : 0;
      throw new ReplayError('ERR_REPLAY_ROW', file, line, `unreadable CSV: ${error.message}`, error);
    }
    throw error;
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (columns === undefined)
    throw new ReplayError('ERR_REPLAY_ROW', file, 1, 'empty file: expected a header line');
}

function rowError(file: string, line: number, reason: string): ReplayError {
  return new ReplayError('ERR_REPLAY_ROW', file, line, reason);
}

function headerColumns(file: string, header: readonly string[]): Map<OrderColumn, number> {
  const positions = new Map<OrderColumn, number>();
  for (const column of ORDER_CSV_COLUMNS) {
    const index = header.indexOf(column);
    if (index >= 0) positions.set(column, index);
  }
  const missing = ORDER_CSV_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length > 0) {
    throw new ReplayError(
      'ERR_REPLAY_ROW',
      file,
      1,
      `header lacks column(s) ${missing.join(', ')}; expected ${ORDER_CSV_COLUMNS.join(',')}`,
    );
  }
  return positions;
}

type Built = { readonly reason: string } | { readonly envelope: unknown };

/** The envelope of one row (checked by the registry next), or the reason the row cannot become one. */
function orderEnvelope(record: readonly string[], columns: Map<OrderColumn, number>): Built {
  const cell = (column: OrderColumn): string => record[columns.get(column) ?? -1] ?? '';
  const id = cell('id');
  const quantityText = cell('quantity');
  if (!/^-?\d+$/.test(quantityText))
    return { reason: `quantity must be a whole number, got ${quoted(quantityText)}` };
  const priceText = cell('unit_price');
  const unitPrice = Number(priceText);
  if (priceText.trim() === '' || !Number.isFinite(unitPrice)) {
    return { reason: `unit_price must be a number, got ${quoted(priceText)}` };
  }
  const soldAtText = cell('sold_at');
  if (!isZonedTimestamp(soldAtText)) {
    return {
      reason: `sold_at must be an ISO 8601 timestamp with a zone (Z or ±hh:mm), got ${quoted(soldAtText)}`,
    };
  }
  const soldAt = new Date(soldAtText).toISOString();
  const customerId = cell('customer_id');
  const productId = cell('product_id');
  const order = {
    id,
    customer_id: customerId,
    product_id: productId,
    quantity: Number(quantityText),
    unit_price: unitPrice,
    sold_at: soldAt,
  };
  // The id comes from the order id, so replaying the same file twice repeats the same event ids.
  const eventId = uuidFromKey(`order_created:${id}`);
  const envelope = generatedEnvelope(
    eventId,
    'order_created',
    soldAt,
    productId,
    customerId,
    { order },
    REPLAY_PRODUCER,
  );
  return { envelope };
}

/** Registry paths like `event_data.order.quantity` name the CSV column instead. */
function toColumnPath(issue: { path: readonly (string | number)[]; code: string; message: string }) {
  const last = issue.path[issue.path.length - 1];
  const isColumn = typeof last === 'string' && (ORDER_CSV_COLUMNS as readonly string[]).includes(last);
  return { ...issue, path: isColumn ? [last] : issue.path };
}
