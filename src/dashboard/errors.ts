import { EventflakeError } from '../errors.js';

export type DashboardErrorCode = 'ERR_DASHBOARD_QUERY_MISSING' | 'ERR_DASHBOARD_ASSET_MISSING';

/** The dashboard cannot start: a statement it needs was not rendered, or a browser asset is not installed. */
export class DashboardError extends EventflakeError {
  constructor(code: DashboardErrorCode, message: string) {
    super(code, message, { retriable: false });
  }
}
