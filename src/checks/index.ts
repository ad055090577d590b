export { fieldText, sqlContext } from './check-sql.js';
export type { ExpectedCounts } from './context.js';
export {
  type CheckDefinition,
  type CustomCheckOptions,
  defineCheck,
  type FunctionCheck,
  type Measurement,
  type SqlCheck,
} from './definition.js';
export { type FormatReportOptions, formatReport } from './format-report.js';
export type { MinimumRule, QualityRules, TotalRule } from './quality.js';
export { CHECKS_FILE, renderChecks } from './render-checks.js';
export { EXIT_CODES, exitCodeFor, overallStatus, writeReport } from './report.js';
export { type RunChecksOptions, runChecks } from './run-checks.js';
export { type CheckSuiteOptions, checkSuite } from './suite.js';
export { type CheckThresholds, type ResolvedThresholds, resolveThresholds } from './thresholds.js';
export {
  CHECK_STATUSES,
  type CheckCategory,
  type CheckDetails,
  type CheckReport,
  type CheckResult,
  type CheckStatus,
  type Threshold,
} from './types.js';
export { wineShopChecks } from './wine-shop-checks.js';
