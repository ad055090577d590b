import { ConfigError, EventflakeError } from '../errors.js';
import { dropshipping } from './dropshipping/domain.js';
import {
  createGenerator,
  type EventGenerator,
  type GeneratorDomain,
  type GeneratorOptions,
} from './generator.js';
import { wineShop } from './wine-shop/domain.js';

/** The domains eventflake ships: `wine-shop` and `dropshipping`. */
export const builtInDomains: readonly GeneratorDomain[] = Object.freeze([wineShop, dropshipping]);

/**
 * Domains by name, for callers that pick one from text (the CLI, a config file). Users add their own
 * with `register`.
 *
 * @example
 * const domains = createDomainRegistry().register(clicks);
 * const generator = domains.create('clicks', { seed: 1 });
 */
export class DomainRegistry {
  readonly #domains = new Map<string, GeneratorDomain>();

  constructor(domains: Iterable<GeneratorDomain> = builtInDomains) {
    for (const domain of domains) this.register(domain);
  }

  /** Add a domain; a name already taken throws `ERR_DOMAIN_EXISTS`. */
  register<E, O extends object>(domain: GeneratorDomain<E, O>): this {
    if (this.#domains.has(domain.name)) {
      throw new EventflakeError(
        'ERR_DOMAIN_EXISTS',
        `A generator domain named \`${domain.name}\` is already registered`,
      );
    }
    this.#domains.set(domain.name, domain);
    return this;
  }

  /** Registered names, in registration order. */
  get names(): readonly string[] {
    return [...this.#domains.keys()];
  }

  /** The domain of that name; an unknown name throws a ConfigError listing the known ones. */
  get(name: string): GeneratorDomain {
    const domain = this.#domains.get(name);
    if (domain === undefined) throw new ConfigError('domain', `one of ${this.names.join(', ')}`, name);
    return domain;
  }

  /** Start a generator of the named domain. */
  create(name: string, options: GeneratorOptions & Record<string, unknown> = {}): EventGenerator<unknown> {
    return createGenerator(this.get(name), options);
  }
}

/**
 * A registry holding the built-in domains (or the ones given).
 *
 * @example
 * createDomainRegistry().names; // => ['wine-shop', 'dropshipping']
 */
export function createDomainRegistry(domains: Iterable<GeneratorDomain> = builtInDomains): DomainRegistry {
  return new DomainRegistry(domains);
}
