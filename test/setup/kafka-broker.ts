import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { type JavaProcess, runJava, spawnJava } from './kafka/java-process.js';
import { excerptOfFile, KafkaBrokerError } from './kafka/kafka-broker-error.js';
import { type KafkaClasspath, resolveKafkaClasspath } from './kafka/kafka-classpath.js';
import { serverProperties } from './kafka/server-properties.js';
import { freePort, requireTool } from './services.js';

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 20_000;
const KEPT_LOG_RUNS = 5;

/** A running single-node broker: `brokers` is the bootstrap address clients connect to. */
export interface RunningKafka {
  brokers: string;
  stop(): Promise<void>;
  /**
   * Stops the broker's JVM (SIGTERM, or SIGKILL with `kill`), keeps it down for `downtimeMs`, then starts
   * it again on the same ports and data folder, so topics, records and committed offsets survive.
   * Resolves once the broker answers metadata again.
   */
  restart(options?: RestartOptions): Promise<void>;
}

export interface RestartOptions {
  /** How long the broker stays down between stop and start. @default 0 */
  readonly downtimeMs?: number;
  /** No grace period (SIGKILL right after SIGTERM): the broker recovers its logs on start. @default false */
  readonly kill?: boolean;
}

/**
 * Starts a fresh single-node KRaft Kafka broker on 127.0.0.1 from jars resolved out of Maven Central.
 * Storage is a temporary folder removed by stop(); logs stay under .cache/services/kafka-<version>/logs.
 *
 * @example
 * const kafka = await startKafka();
 * try { await runTests(kafka.brokers); } finally { await kafka.stop(); }
 */
export async function startKafka(): Promise<RunningKafka> {
  const startedAt = Date.now();
  requireTool('java', ['-version'], 'apt-get install openjdk-17-jre-headless (Kafka needs Java 11 or later)');
  requireTool('mvn', ['-v'], 'apt-get install maven (it downloads the Kafka jars once)');
  const classpath = await resolveKafkaClasspath();
  const logsDir = newLogsDir(classpath.homeDir);
  const storageDir = mkdtempSync(join(tmpdir(), 'eventflake-kafka-'));
  const removeStorage = () => rmSync(storageDir, { recursive: true, force: true });
  // stop() may never run if the runner exits early; the killed broker's files must not pile up in /tmp.
  process.once('exit', removeStorage);
  let broker: JavaProcess | undefined;
  const stop = async () => {
    await broker?.stop(STOP_GRACE_MS);
    process.removeListener('exit', removeStorage);
    removeStorage();
  };

  try {
    const [port, controllerPort] = await twoFreePorts();
    const propertiesFile = join(storageDir, 'server.properties');
    writeFileSync(
      propertiesFile,
      serverProperties({ port, controllerPort, dataDir: join(storageDir, 'data') }),
    );
    const jvm = jvmArgs(classpath, logsDir);
    const formatLog = join(logsDir, 'format.log');
    const format = [
      '-Xmx256m',
      ...jvm,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      kafkaClusterId(),
      '-c',
      propertiesFile,
    ];
    await runJava(format, formatLog).catch((error: unknown) => {
      const excerpt = excerptOfFile(formatLog, 5, 'first');
      throw new KafkaBrokerError('ERR_TEST_KAFKA_FORMAT', `Formatting the Kafka storage failed${excerpt}`, {
        cause: error,
      });
    });

    const brokers = `127.0.0.1:${port}`;
    const launch = async () => {
      broker = spawnJava(['-Xmx512m', ...jvm, 'kafka.Kafka', propertiesFile], join(logsDir, 'broker.out'));
      await waitUntilServing(brokers, broker, logsDir);
    };
    await launch();
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(`[kafka] ${classpath.version} ready on ${brokers} in ${seconds} s (logs: ${logsDir})`);
    const restart = async ({ downtimeMs = 0, kill = false }: RestartOptions = {}) => {
      await broker?.stop(kill ? 0 : STOP_GRACE_MS);
      if (downtimeMs > 0) await delay(downtimeMs);
      await launch();
    };
    return { brokers, stop, restart };
  } catch (error) {
    await stop();
    throw error;
  }
}

function jvmArgs({ libsDir, log4jConfig }: KafkaClasspath, logsDir: string): string[] {
  return [
    `-Dlog4j.configuration=${pathToFileURL(log4jConfig).href}`,
    `-Dkafka.logs.dir=${logsDir}`,
    '-cp',
    join(libsDir, '*'),
  ];
}

/**
 * Kafka's cluster ids are 16 random bytes in unpadded base64url, as `StorageTool random-uuid` prints
 * them; making one here saves a JVM start. Kafka refuses ids that start with '-', since they read as flags.
 */
function kafkaClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function twoFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  let second = await freePort();
  while (second === first) second = await freePort();
  return [first, second];
}

/** One folder per run, so a concurrent run cannot overwrite the log of a failing one; old runs are pruned. */
function newLogsDir(homeDir: string): string {
  const root = join(homeDir, 'logs');
  mkdirSync(root, { recursive: true });
  const runs = readdirSync(root)
    .filter((name) => name.startsWith('run-'))
    .sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - (KEPT_LOG_RUNS - 1)))) {
    rmSync(join(root, old), { recursive: true, force: true });
  }
  const dir = join(root, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(dir);
  return dir;
}

/** An open port is not enough: the broker must answer a metadata request before tests may use it. */
async function waitUntilServing(brokers: string, broker: JavaProcess, logsDir: string): Promise<void> {
  const serverLog = join(logsDir, 'server.log');
  const client = new Kafka({
    clientId: 'eventflake-test-setup',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    // A port that accepts but never answers must not hold one probe for the default 30 s.
    requestTimeout: 3_000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const exit = broker.exitStatus();
    if (exit !== undefined) {
      throw new KafkaBrokerError(
        'ERR_TEST_KAFKA_START',
        `The Kafka broker stopped during startup (${exit}); see ${serverLog}` +
          `${excerptOfFile(serverLog, 15, 'errors')}${excerptOfFile(join(logsDir, 'broker.out'), 20, 'last')}`,
      );
    }
    if (await answersMetadata(client)) return;
    await delay(250);
  }
  throw new KafkaBrokerError(
    'ERR_TEST_KAFKA_START',
    `The Kafka broker on ${brokers} did not answer within ${READY_TIMEOUT_MS / 1000} s; see ${serverLog}` +
      excerptOfFile(serverLog, 15, 'errors'),
  );
}

async function answersMetadata(client: Kafka): Promise<boolean> {
  const admin = client.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
