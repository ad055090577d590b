import { createGenerator, wineShop, wineShopRegistry } from '../src/index.js';
import { type Figure, measure, report } from './measure.js';

const N = 200_000;

/** Generation and validation throughput of the wine-shop events, against JSON.stringify of one pre-built event. */
export async function eventsBench(): Promise<boolean> {
  const sample = [...take(createGenerator(wineShop, { seed: 1 }), 10_000)];
  const prebuilt = sample[0];
  let sink = 0;

  const baseline: Figure = await measure('JSON.stringify(pre-built event)', N, (n) => {
    for (let i = 0; i < n; i++) sink += JSON.stringify(prebuilt).length;
  });
  const generation = await measure('wine-shop generator next()', N, (n) => {
    const generator = createGenerator(wineShop, { seed: 7 });
    for (const event of take(generator, n)) sink += event.event_id.length;
  });
  const generationJson = await measure('wine-shop generator next() + JSON.stringify', N, (n) => {
    const generator = createGenerator(wineShop, { seed: 7 });
    for (const event of take(generator, n)) sink += JSON.stringify(event).length;
  });
  const validation = await measure('registry.parse (zod) of generated events', N * 2, (n) => {
    for (let i = 0; i < n; i++) {
      const result = wineShopRegistry.parse(sample[i % sample.length]);
      if (!result.ok) throw new Error('a generated event failed validation');
    }
  });
  const texts = sample.map((e) => JSON.stringify(e));
  const parseValidate = await measure('JSON.parse + registry.parse', N, (n) => {
    for (let i = 0; i < n; i++)
      sink += wineShopRegistry.parse(JSON.parse(texts[i % texts.length] ?? '')).ok ? 1 : 0;
  });

  console.log(`\n# events (${N.toLocaleString('en-US')} items per round, best of 3)`);
  report(baseline, baseline);
  const ok = [
    report(generation, baseline, 100_000),
    report(generationJson, baseline),
    report(validation, baseline, 500_000),
    report(parseValidate, baseline),
  ].every(Boolean);
  if (sink === -1) console.log(sink);
  return ok;
}

function* take<T>(iterable: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const item of iterable) {
    yield item;
    if (++i >= n) return;
  }
}
