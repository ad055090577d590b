import { describe, expect, it } from 'vitest';
import { ConfigError, EventflakeError } from '../../../src/errors.js';
import {
  createDomainRegistry,
  createGenerator,
  defineDomain,
  isoTimestamp,
} from '../../../src/generate/index.js';

interface Click {
  readonly event_id: string;
  readonly event_type: 'PAGE_VIEW';
  readonly event_timestamp: string;
  readonly page: string;
}

const clicks = defineDomain<Click, { pages?: readonly string[] }>({
  name: 'clicks',
  description: 'page views of a test site',
  clockDefaults: { startTime: '2026-01-01T00:00:00Z', meanIntervalMs: 1000 },
  create: ({ random, clock }, options) => {
    const pages = options.pages ?? ['/'];
    return {
      next: () => ({
        event_id: random.uuid(),
        event_type: 'PAGE_VIEW',
        event_timestamp: isoTimestamp(clock.tick()),
        page: random.pick(pages),
      }),
    };
  },
});

describe('pluggable domains', () => {
  it('runs a user domain with the same determinism as the built-in ones', () => {
    const a = createGenerator(clicks, { seed: 9, pages: ['/', '/vins', '/panier'] }).take(100);
    const b = createGenerator(clicks, { seed: 9, pages: ['/', '/vins', '/panier'] }).take(100);
    expect(b).toEqual(a);
    expect(a[0]?.event_timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(new Set(a.map((click) => click.page))).toEqual(new Set(['/', '/vins', '/panier']));
  });

  it('finds domains by name in a registry, built-in ones included', () => {
    const domains = createDomainRegistry().register(clicks);
    expect(domains.names).toEqual(['wine-shop', 'dropshipping', 'clicks']);
    expect(domains.create('clicks', { seed: 1 }).domain).toBe('clicks');
    expect(domains.create('wine-shop', { seed: 1 }).next()).toHaveProperty('event_type');
  });

  it('refuses an unknown name, listing the known ones, and a second domain of one name', () => {
    const domains = createDomainRegistry();
    expect(() => domains.get('bakery')).toThrow(ConfigError);
    expect(() => domains.get('bakery')).toThrow(/one of wine-shop, dropshipping/);
    domains.register(clicks);
    expect(() => domains.register(clicks)).toThrow(EventflakeError);
  });

  it('refuses a domain name that is not lower-case words', () => {
    expect(() => defineDomain({ ...clicks, name: 'Clicks Domain' })).toThrow(/`domain.name`/);
  });
});
