/**
 * The page's script, served as /app.js exactly as written: plain browser JavaScript, no build step.
 * It reads /api/summary, writes every value with textContent (names come from event data), draws
 * the charts with Chart.js, and reads again `refresh` seconds after each answer (the `?refresh=`
 * query parameter overrides the server's default). Numbers are formatted en-GB, amounts in euros.
 */
export const DASHBOARD_SCRIPT = `'use strict';
(function () {
  var body = document.body;
  var asked = Number(new URLSearchParams(location.search).get('refresh'));
  var refreshSeconds = asked > 0 ? asked : Number(body.dataset.refreshSeconds) || 10;
  var count = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
  var euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
  var decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
  var COLOURS = ['#7b1e3a', '#c2410c', '#ca8a04', '#15803d', '#0e7490', '#4338ca', '#a21caf', '#64748b'];
  var charts = {};

  function utc(iso) {
    return iso ? String(iso).replace('T', ' ').slice(0, 19) : '—';
  }
  function short(label) {
    var name = String(label);
    return name.length > 30 ? name.slice(0, 29) + '…' : name;
  }
  function text(value) {
    return value === null || value === undefined ? '—' : String(value);
  }
  function n(value) {
    return count.format(Number(value) || 0);
  }
  function money(value) {
    return euros.format(Number(value) || 0);
  }

  function setKpi(key, value, sub) {
    var card = document.querySelector('[data-kpi="' + key + '"]');
    card.querySelector('.value').textContent = value;
    card.querySelector('.sub').textContent = sub;
  }

  /** columns: [key, format, className or function(row) → className] */
  function fillTable(id, rows, columns) {
    var tbody = document.querySelector('#' + id + ' tbody');
    var trs = rows.map(function (row) {
      var tr = document.createElement('tr');
      columns.forEach(function (column) {
        var td = document.createElement('td');
        var cls = typeof column[2] === 'function' ? column[2](row) : column[2];
        if (cls && cls.indexOf('badge') === 0) {
          var span = document.createElement('span');
          span.className = cls;
          span.textContent = column[1](row[column[0]], row);
          td.append(span);
        } else {
          if (cls) td.className = cls;
          td.textContent = column[1](row[column[0]], row);
        }
        tr.append(td);
      });
      return tr;
    });
    if (trs.length === 0) {
      var tr = document.createElement('tr');
      var td = document.createElement('td');
      td.colSpan = columns.length;
      td.textContent = 'Nothing yet';
      tr.append(td);
      trs.push(tr);
    }
    tbody.replaceChildren.apply(tbody, trs);
  }

  function draw(id, type, labels, datasets, options) {
    if (typeof Chart === 'undefined') return;
    var chart = charts[id];
    if (chart) {
      chart.data.labels = labels;
      chart.data.datasets = datasets;
      chart.update('none');
      return;
    }
    charts[id] = new Chart(document.getElementById(id), {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: Object.assign(
        { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } },
        options || {},
      ),
    });
  }

  function render(s) {
    var k = s.kpis;
    setKpi('ordersToday', n(k.ordersToday), n(k.orders30Days) + ' in 30 days');
    setKpi('revenueToday', money(k.revenueToday), money(k.revenue30Days) + ' in 30 days');
    setKpi('averageBasketToday', money(k.averageBasketToday), 'per order on ' + k.date);
    setKpi('uniqueCustomersToday', n(k.uniqueCustomersToday), 'distinct customers on ' + k.date);

    var days = s.dailyKpis.slice().reverse();
    draw('daily-chart', 'line', days.map(function (r) { return utc(r.ORDER_DATE).slice(0, 10); }), [
      { label: 'Orders', data: days.map(function (r) { return Number(r.ORDER_COUNT); }),
        borderColor: COLOURS[0], backgroundColor: COLOURS[0], tension: 0.2 },
    ]);
    draw('category-chart', 'bar', s.revenueByCategory.map(function (r) { return r.PRODUCT_CATEGORY; }), [
      { label: 'Revenue (€)', data: s.revenueByCategory.map(function (r) { return Number(r.TOTAL_REVENUE); }),
        backgroundColor: COLOURS },
    ]);
    draw('products-chart', 'bar', s.topProducts.map(function (r) { return short(r.PRODUCT_NAME); }), [
      { label: 'Revenue (€)', data: s.topProducts.map(function (r) { return Number(r.REVENUE); }),
        backgroundColor: COLOURS[0] },
    ], { indexAxis: 'y' });

    fillTable('recent-orders', s.recentOrders, [
      ['ORDER_TIMESTAMP', function (v) { return utc(v).slice(5); }], ['ORDER_ID', text], ['CUSTOMER_ID', text],
      ['PRODUCT_NAME', text, 'wrap'], ['QUANTITY', n, 'num'], ['TOTAL_AMOUNT', money, 'num'],
    ]);
    document.getElementById('stock-alert-count').textContent =
      '(' + n(s.stockAlertCount) + ' products under 14 days, ' + n(s.outOfStock.length) + ' out of stock)';
    fillTable('stock-alerts', s.stockAlerts, [
      ['PRODUCT_NAME', text, 'wrap'], ['PRODUCT_CATEGORY', text], ['CURRENT_STOCK_LEVEL', n, 'num'],
      ['AVG_DAILY_SALES', function (v) { return decimal.format(Number(v)); }, 'num'],
      ['DAYS_OF_STOCK_REMAINING', function (v) { return decimal.format(Number(v)); }, 'num'],
      ['STOCK_STATUS', text, function (r) { return 'badge ' + r.STOCK_STATUS; }],
    ]);
    fillTable('health', s.health, [
      ['LAYER', text], ['TABLE_NAME', text], ['ROW_COUNT', n, 'num'], ['LAST_INGESTION', utc],
    ]);
    var states = s.taskRuns.byState;
    document.getElementById('task-counts').textContent =
      n(states.SUCCEEDED) + ' succeeded · ' + n(states.FAILED) + ' failed · ' + n(states.SKIPPED) + ' skipped';
    fillTable('task-runs', s.taskRuns.latest, [
      ['NAME', text], ['STATE', text, function (r) { return 'badge ' + r.STATE; }],
      ['COMPLETED_TIME', utc], ['ROWS_READ', function (v) { return v === null ? '—' : n(v); }, 'num'],
    ]);
    document.getElementById('dlq-count').textContent = s.deadLetters === null ? 'not configured' : n(s.deadLetters);

    var errors = Object.keys(s.errors).map(function (key) { return key + ': ' + s.errors[key]; });
    var box = document.getElementById('errors');
    box.hidden = errors.length === 0;
    box.textContent = errors.join(' · ');
    body.dataset.generatedAt = s.generatedAt;
    setStatus('Updated ' + utc(s.generatedAt) + ' UTC · ' + s.dialect + ' · refresh every ' + refreshSeconds + ' s');
  }

  function setStatus(message) {
    document.getElementById('status').textContent = message;
  }

  function load() {
    fetch('/api/summary', { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(render)
      .catch(function (error) { setStatus('Refresh failed (' + error.message + '); retrying'); })
      .finally(function () { setTimeout(load, refreshSeconds * 1000); });
  }

  load();
})();
`;
