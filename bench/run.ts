/**
 * `npm run bench`: speed and memory figures, each printed with its ratio to a baseline measured in the
 * same run on the same machine. Targets are reported, never asserted in tests. Exits 1 if one is missed.
 */
import { cpus } from 'node:os';
import { eventsBench } from './events.bench.js';
import { kafkaBench } from './kafka.bench.js';
import { loadBench } from './load.bench.js';
import { localBench } from './local.bench.js';
import { sinkBench } from './sink.bench.js';

console.log(`eventflake bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
const results = [
  await eventsBench(),
  await sinkBench(),
  await localBench(),
  await loadBench(),
  await kafkaBench(),
];
process.exitCode = results.every(Boolean) ? 0 : 1;
