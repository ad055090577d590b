import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SinkMetrics } from '../../../src/sink/sink-metrics.js';

const root = join(import.meta.dirname, '..', '..', '..');

interface GrafanaDashboard {
  readonly panels: readonly {
    readonly title: string;
    readonly targets: readonly { readonly expr: string }[];
  }[];
}

/** Every series a panel queries, histogram suffixes folded onto their metric. */
function seriesNames(dashboard: GrafanaDashboard): Set<string> {
  const names = new Set<string>();
  for (const panel of dashboard.panels) {
    for (const { expr } of panel.targets) {
      for (const [name] of expr.matchAll(/\b(?:eventflake|process)_[a-z_]+\b/g)) {
        names.add(name.replace(/_(bucket|sum|count)$/, ''));
      }
    }
  }
  return names;
}

describe('examples/grafana/eventflake-dashboard.json', () => {
  it('queries only series that `eventflake consume --metrics-port` exports', async () => {
    const dashboard = JSON.parse(
      readFileSync(join(root, 'examples', 'grafana', 'eventflake-dashboard.json'), 'utf8'),
    ) as GrafanaDashboard;
    // What the consume command registers: the sink's metrics and prom-client's default ones.
    const registry = new Registry();
    new SinkMetrics(registry);
    collectDefaultMetrics({ register: registry });
    const exported = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));

    const queried = seriesNames(dashboard);
    expect([...queried].filter((name) => name.startsWith('eventflake_')).length).toBeGreaterThanOrEqual(8);
    expect([...queried].filter((name) => !exported.has(name))).toEqual([]);
  });
});
