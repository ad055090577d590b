/**
 * The dashboard's one HTML page. Data never goes into this text: the page script fetches
 * /api/summary and writes every value with textContent. The refresh interval travels as a data
 * attribute because the content security policy allows no inline script.
 *
 * @example
 * response.end(dashboardPage({ refreshSeconds: 10 }));
 */
export function dashboardPage(options: { readonly refreshSeconds: number }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Les Caves d'Albert — eventflake dashboard</title>
<style>${STYLE}</style>
<script src="/vendor/chart.umd.min.js" defer></script>
<script src="/app.js" defer></script>
</head>
<body data-refresh-seconds="${Math.trunc(options.refreshSeconds)}">
<header>
  <h1>Les Caves d'Albert <span>eventflake</span></h1>
  <p id="status" role="status">Loading…</p>
</header>
<div id="errors" hidden></div>
<main>
  <section class="kpis" aria-label="Today (UTC)">
    ${kpiCard('ordersToday', 'Orders today')}
    ${kpiCard('revenueToday', 'Revenue today')}
    ${kpiCard('averageBasketToday', 'Average basket today')}
    ${kpiCard('uniqueCustomersToday', 'Unique customers today')}
  </section>
  <section class="row">
    ${panel('Orders per day (30 days)', '<div class="chart"><canvas id="daily-chart"></canvas></div>')}
    ${panel('Revenue by category (30 days)', '<div class="chart"><canvas id="category-chart"></canvas></div>')}
    ${panel('Top products by revenue (30 days)', '<div class="chart"><canvas id="products-chart"></canvas></div>')}
  </section>
  <section class="row">
    ${panel('Recent orders', table('recent-orders', ['Time (UTC)', 'Order', 'Customer', 'Product', 'Qty', 'Amount']))}
    ${panel('Stock alerts <small id="stock-alert-count"></small>', table('stock-alerts', ['Product', 'Category', 'Stock', 'Sold / day', 'Days left', 'Status']))}
  </section>
  <section class="row">
    ${panel('Pipeline health', table('health', ['Layer', 'Table', 'Rows', 'Last timestamp (UTC)']))}
    ${panel(
      'Task runs (24 h) <small id="task-counts"></small>',
      `<p class="dlq">Dead letters: <strong id="dlq-count">—</strong></p>${table('task-runs', ['Task', 'State', 'Completed (UTC)', 'Rows'])}`,
    )}
  </section>
</main>
</body>
</html>
`;
}

function kpiCard(key: string, title: string): string {
  return `<article class="kpi" data-kpi="${key}"><h2>${title}</h2><p class="value">—</p><p class="sub"></p></article>`;
}

function panel(title: string, content: string): string {
  return `<article class="panel"><h2>${title}</h2>${content}</article>`;
}

function table(id: string, headings: readonly string[]): string {
  const head = headings.map((h) => `<th>${h}</th>`).join('');
  return `<div class="scroll"><table id="${id}"><thead><tr>${head}</tr></thead><tbody></tbody></table></div>`;
}

const STYLE = `
:root { --wine: #7b1e3a; --ink: #1f2430; --muted: #6b7280; --line: #e5e7eb; --bg: #f6f4f1; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; justify-content: space-between; align-items: baseline; padding: 12px 20px;
  background: var(--wine); color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header h1 span { font-weight: 400; opacity: .75; margin-left: 6px; }
#status { margin: 0; opacity: .9; }
#errors { margin: 12px 20px 0; padding: 8px 12px; border-left: 4px solid #b91c1c; background: #fee2e2; }
main { padding: 16px 20px; display: grid; gap: 16px; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; }
.row { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; }
.kpi, .panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; min-width: 0; }
h2 { margin: 0 0 8px; font-size: 13px; font-weight: 600; color: var(--muted); text-transform: uppercase; }
h2 small { text-transform: none; font-weight: 400; }
.kpi .value { margin: 0; font-size: 28px; font-weight: 700; color: var(--wine); }
.kpi .sub { margin: 4px 0 0; color: var(--muted); }
.chart { position: relative; height: 260px; }
.scroll { max-height: 320px; overflow: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { white-space: normal; min-width: 140px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; }
.URGENT, .FAILED { background: #fee2e2; color: #991b1b; }
.ATTENTION, .SKIPPED { background: #fef3c7; color: #92400e; }
.OK, .SUCCEEDED { background: #dcfce7; color: #166534; }
.dlq { margin: 0 0 8px; }
@media (max-width: 900px) { .kpis { grid-template-columns: repeat(2, 1fr); } }
`;
