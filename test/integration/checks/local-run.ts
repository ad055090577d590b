import { randomUUID } from 'node:crypto';
import type { CheckReport } from '../../../src/checks/types.js';
import type { WineShopEvent } from '../../../src/events/wine-shop.js';
import { injectFaults, serializeFaultyItem } from '../../../src/generate/faults.js';
import { createGenerator } from '../../../src/generate/generator.js';
import { wineShop } from '../../../src/generate/wine-shop/domain.js';
import type { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { landThroughSink } from '../support/land-local.js';

/**
 * Seeded wine-shop events that happened in the last minute, so a clean run has no late event (the
 * domain's default start time is in 2025).
 */
export function recentEvents(count: number, seed = 20261123): WineShopEvent[] {
  return createGenerator(wineShop, { seed, startTime: Date.now() - 60_000, meanIntervalMs: 40 }).take(count);
}

/** What a faulty delivery handed the sink and what the sink kept out of RAW. */
export interface DeliveryCounts {
  readonly delivered: number;
  readonly deadLettered: number;
  readonly deduplicated: number;
}

/** Lands events through BatchSink, with duplicates and malformed payloads injected by the generator's faults. */
export async function landWithFaults(
  local: LocalPipeline,
  events: readonly WineShopEvent[],
): Promise<DeliveryCounts> {
  const faulty = injectFaults(events, { duplicateRate: 0.03, malformedRate: 0.02, seed: 5 });
  const deadLetterQueue = await landThroughSink(local, [...faulty].map(serializeFaultyItem), {
    batchSize: 200,
  });
  return {
    delivered: faulty.stats.delivered,
    deadLettered: deadLetterQueue.letters.length,
    deduplicated: faulty.stats.duplicate,
  };
}

/** Writes one event straight into RAW with SQL, past the sink's validation and dedup. */
export async function insertRawEvent(
  local: LocalPipeline,
  event: Readonly<Record<string, unknown>>,
): Promise<void> {
  await local.warehouse.execute(
    `INSERT INTO "RAW_DATA"."RAW_EVENTS_STREAM" ("EVENT_ID", "EVENT_TYPE", "EVENT_TIMESTAMP", "PRODUCT_ID", "CUSTOMER_ID",
  "EVENT_DATA", "EVENT_METADATA", "INGESTION_TIMESTAMP")
VALUES (?, ?, CAST(? AS TIMESTAMP), ?, ?, CAST(? AS JSON), NULL, (now() AT TIME ZONE 'UTC'))`,
    [
      String(event.event_id),
      String(event.event_type),
      String(event.event_timestamp).replace('Z', ''),
      event.product_id === undefined ? null : String(event.product_id),
      event.customer_id === undefined ? null : String(event.customer_id),
      JSON.stringify(event.event_data),
    ],
  );
}

/** An order like `base` under fresh ids, its event_data changed by `edit`. */
export function orderLike(
  base: WineShopEvent,
  edit: (data: Record<string, unknown>) => void,
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    ...base.event_data,
    order_id: `ORD-20261123-${String(Date.now()).slice(-6)}`,
  };
  edit(data);
  return { ...base, event_id: randomUUID(), event_data: data };
}

/** Name → status of every check that did not pass. */
export function notPassing(report: CheckReport): Record<string, string> {
  return Object.fromEntries(report.checks.filter((c) => c.status !== 'PASS').map((c) => [c.name, c.status]));
}
