import type { TestProject } from 'vitest/node';

/**
 * Starts the real services the integration suite talks to, once per run, on loopback only.
 * `EVENTFLAKE_TEST_SERVICES=kafka` (comma list, or `none`) starts a subset when working on one area;
 * CI starts them all, and a service that cannot start fails the run rather than skipping it.
 */
interface RunningService {
  provide: Partial<ServiceAddresses>;
  stop(): Promise<void>;
}

interface ServiceAddresses {
  kafkaBrokers: string;
  fakesnowUrl: string;
}

const starters: Record<string, () => Promise<RunningService>> = {
  kafka: async () => {
    const { startKafka } = await import('./kafka-broker.js');
    const kafka = await startKafka();
    return { provide: { kafkaBrokers: kafka.brokers }, stop: kafka.stop };
  },
  fakesnow: async () => {
    const { startFakesnow } = await import('./fakesnow-server.js');
    const snow = await startFakesnow();
    return { provide: { fakesnowUrl: snow.url }, stop: snow.stop };
  },
};

function selectedServices(): string[] {
  const raw = process.env.EVENTFLAKE_TEST_SERVICES;
  if (!raw || process.env.CI === 'true') return Object.keys(starters);
  if (raw.trim() === 'none') return [];
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(name in starters)) {
      throw new Error(
        `EVENTFLAKE_TEST_SERVICES names \`${name}\`; expected any of ${Object.keys(starters).join(', ')}`,
      );
    }
  }
  return names;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const names = selectedServices();
  const results = await Promise.allSettled(names.map((name) => starters[name]?.() ?? Promise.reject(name)));
  const running = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const teardown = async () => {
    await Promise.allSettled(running.map((s) => s.stop()));
  };
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failed.length > 0) {
    await teardown();
    throw failed.length === 1 ? failed[0] : new AggregateError(failed, 'test services failed to start');
  }
  for (const service of running) {
    for (const [key, value] of Object.entries(service.provide)) {
      project.provide(key as keyof ServiceAddresses, value);
    }
  }
  return teardown;
}

declare module 'vitest' {
  export interface ProvidedContext extends ServiceAddresses {}
}
