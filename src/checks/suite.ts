import type { PipelineSpec } from '../ddl/spec/pipeline.js';
import { ConfigError } from '../errors.js';
import type { EventRegistry } from '../events/registry.js';
import type { ExpectedCounts, SuiteContext } from './context.js';
import type { CheckDefinition } from './definition.js';
import { duplicateChecks } from './duplicates.js';
import { healthChecks } from './health.js';
import { type QualityRules, qualityChecks } from './quality.js';
import { reconciliationChecks } from './reconciliation.js';
import { type CheckThresholds, resolveThresholds } from './thresholds.js';
import { timelinessChecks } from './timeliness.js';

/** What the checks are derived from. */
export interface CheckSuiteOptions {
  readonly spec: PipelineSpec;
  /** The event definitions: required fields, bounds and enums come from their schemas. */
  readonly registry?: EventRegistry;
  /** Business rules beyond the schema (order totals, stock below zero). */
  readonly rules?: QualityRules;
  /** Counts known from a seeded run: reconciliation then demands exact equality. */
  readonly expected?: ExpectedCounts;
  readonly thresholds?: CheckThresholds;
  /** The user's own checks, from {@link defineCheck}. */
  readonly custom?: readonly CheckDefinition[];
}

/**
 * Every check for a pipeline, in report order: reconciliation, duplicates, quality, timeliness,
 * health, then the user's. Throws ConfigError when two checks share a name.
 *
 * @example
 * checkSuite({ spec: wineShopSpec, registry: wineShopRegistry }).map((c) => c.name);
 */
export function checkSuite(options: CheckSuiteOptions): CheckDefinition[] {
  const ctx: SuiteContext = {
    spec: options.spec,
    thresholds: resolveThresholds(options.thresholds),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    ...(options.expected === undefined ? {} : { expected: options.expected }),
  };
  const checks = [
    ...reconciliationChecks(ctx),
    ...duplicateChecks(ctx),
    ...qualityChecks(ctx, options.rules),
    ...timelinessChecks(ctx),
    ...healthChecks(ctx),
    ...(options.custom ?? []),
  ];
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.name)) throw new ConfigError('checks', 'checks with unique names', check.name);
    seen.add(check.name);
  }
  return checks;
}
