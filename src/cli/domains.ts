import type { CheckSuiteOptions } from '../checks/suite.js';
import { wineShopChecks } from '../checks/wine-shop-checks.js';
import { dropshippingSpec } from '../ddl/dropshipping-spec.js';
import { ConfigError } from '../errors.js';
import { dropshippingRegistry } from '../events/dropshipping.js';
import type { EventRegistry } from '../events/registry.js';
import { wineShopRegistry } from '../events/wine-shop.js';
import { dropshipping } from '../generate/dropshipping/domain.js';
import type { GeneratorDomain } from '../generate/generator.js';
import { wineShop } from '../generate/wine-shop/domain.js';

/** What the CLI knows about one built-in domain: its generator, schemas, pipeline spec and checks. */
export interface CliDomain {
  readonly generator: GeneratorDomain<object>;
  readonly registry: EventRegistry;
  readonly checks: CheckSuiteOptions;
}

/** Domain names accepted by `--domain` and `--spec`. */
export const DOMAIN_NAMES = ['wine-shop', 'dropshipping'] as const;
export type DomainName = (typeof DOMAIN_NAMES)[number];

const DOMAINS: Readonly<Record<DomainName, CliDomain>> = {
  'wine-shop': { generator: wineShop, registry: wineShopRegistry, checks: wineShopChecks },
  // The dropshipping demo has no business rules beyond its schema.
  dropshipping: {
    generator: dropshipping,
    registry: dropshippingRegistry,
    checks: { spec: dropshippingSpec, registry: dropshippingRegistry },
  },
};

/**
 * The built-in domain of that name.
 *
 * @example
 * cliDomain('wine-shop').checks.spec === wineShopSpec; // true
 */
export function cliDomain(name: string): CliDomain {
  const domain = DOMAINS[name as DomainName];
  if (domain === undefined) throw new ConfigError('--domain', `one of ${DOMAIN_NAMES.join(', ')}`, name);
  return domain;
}
