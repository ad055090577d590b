export type { Catalogue, CatalogueOptions } from './catalogue-loader.js';
export { builtInDomains, createDomainRegistry, DomainRegistry } from './domain-registry.js';
export {
  type ShopCatalogue,
  type ShopCatalogueOptions,
  type ShopCustomer,
  type ShopProduct,
  shopCatalogue,
} from './dropshipping/catalogue.js';
export { type DropshippingOptions, dropshipping } from './dropshipping/domain.js';
export {
  CUSTOMER_CSV_COLUMNS,
  type ExportSeedOptions,
  type ExportSeedResult,
  exportSeed,
  INVENTORY_CSV_COLUMNS,
} from './export-seed.js';
export {
  FaultInjector,
  type FaultKind,
  type FaultOptions,
  type FaultStats,
  type FaultStream,
  type FaultyItem,
  injectFaults,
  type MalformedVariant,
  serializeFaultyItem,
} from './faults.js';
export {
  GENERATOR_PRODUCER,
  type GeneratedEnvelope,
  generatedEnvelope,
  REPLAY_PRODUCER,
} from './generated-envelope.js';
export {
  createGenerator,
  type DomainGenerator,
  defineDomain,
  EventGenerator,
  type GeneratorContext,
  type GeneratorDomain,
  type GeneratorOptions,
} from './generator.js';
export { uuidFromKey, uuidFromWords } from './ids.js';
export { MAX_SEED } from './options.js';
export { type PaceOptions, type PacingClock, pace, systemClock } from './pacing.js';
export { ProgressDisplay, type ProgressOptions, type ProgressStream } from './progress.js';
export { Random, weighted } from './random.js';
export { type LineValidator, type LooseEnvelope, looseEnvelope } from './replay/envelopes-jsonl.js';
export { ORDER_CSV_COLUMNS } from './replay/orders-csv.js';
export {
  type JsonlReplayOptions,
  type ReplayOptions,
  replay,
  replayCsv,
  replayJsonl,
} from './replay/replay.js';
export { type BadRowPolicy, ReplayError, type ReplayErrorCode } from './replay/replay-error.js';
export { isoTimestamp, SimulatedClock } from './sim-clock.js';
export { type ReadableOptions, toReadable } from './to-readable.js';
export {
  type WineCatalogue,
  type WineCatalogueOptions,
  type WineCustomer,
  type WineProduct,
  wineCatalogue,
} from './wine-shop/catalogue.js';
export { type WineShopOptions, wineShop } from './wine-shop/domain.js';
