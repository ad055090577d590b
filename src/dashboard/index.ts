export { type Dashboard, type DashboardOptions, startDashboard } from './dashboard-server.js';
export { DashboardError, type DashboardErrorCode } from './errors.js';
export {
  type DashboardSummary,
  type ReadSummaryOptions,
  readSummary,
  type SummaryKpis,
  type SummaryRow,
  type SummaryValue,
} from './summary.js';
