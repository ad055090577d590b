import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { type RssFigures, slowSinkRss } from './memory.js';

const RESULT_PREFIX = 'eventflake-rss-result ';

/**
 * {@link slowSinkRss} in a child process of its own: in the bench's process RSS still held what the
 * earlier phases had freed (V8 and the allocator hand pages back lazily), which inflated the base and
 * the peak by run-to-run amounts unrelated to the sink. The child sees only this phase.
 *
 * @example
 * const rss = await slowSinkRssInChild('127.0.0.1:9092', 1_000_000, 10_000);
 */
export function slowSinkRssInChild(
  brokers: string,
  count: number,
  eventsPerSecond: number,
): Promise<RssFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: {
      ...process.env,
      EVENTFLAKE_RSS_BROKERS: brokers,
      EVENTFLAKE_RSS_COUNT: String(count),
      EVENTFLAKE_RSS_RATE: String(eventsPerSecond),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    output += text;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = output.split('\n');
      const result = lines.find((line) => line.startsWith(RESULT_PREFIX));
      for (const line of lines) if (line !== result && line !== '') console.log(line);
      if (code !== 0 || result === undefined) {
        reject(new Error(`the memory phase's process exited with ${code} and no result`));
        return;
      }
      resolve(JSON.parse(result.slice(RESULT_PREFIX.length)) as RssFigures);
    });
  });
}

async function main(): Promise<void> {
  const brokers = process.env.EVENTFLAKE_RSS_BROKERS ?? '';
  const kafka = new Kafka({
    clientId: 'eventflake-bench-rss',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const count = Number(process.env.EVENTFLAKE_RSS_COUNT);
    const rate = Number(process.env.EVENTFLAKE_RSS_RATE);
    const figures = await slowSinkRss(kafka, admin, count, rate);
    console.log(`${RESULT_PREFIX}${JSON.stringify(figures)}`);
  } finally {
    await admin.disconnect();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
