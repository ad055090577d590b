import type { PipelineSpec } from '../ddl/spec/pipeline.js';
import type { EventRegistry } from '../events/registry.js';
import type { ResolvedThresholds } from './thresholds.js';

/**
 * Counts known in advance, from a seeded generator run: reconciliation then demands exact equality
 * instead of only consistency between layers.
 */
export interface ExpectedCounts {
  /** Distinct events of each type RAW must hold, e.g. `{ ORDER_CREATED: 412, INVENTORY_ADJUSTED: 188 }`. */
  readonly events?: Readonly<Record<string, number>>;
  /**
   * What the sink was handed and what it kept out: RAW must hold exactly
   * `delivered − deadLettered − deduplicated` distinct events.
   */
  readonly delivery?: {
    readonly delivered: number;
    readonly deadLettered: number;
    readonly deduplicated: number;
  };
}

/** Everything the built-in checks are derived from. */
export interface SuiteContext {
  readonly spec: PipelineSpec;
  readonly thresholds: ResolvedThresholds;
  readonly registry?: EventRegistry;
  readonly expected?: ExpectedCounts;
}
