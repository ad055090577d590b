import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cacheDir } from '../services.js';
import { KafkaBrokerError, tail } from './kafka-broker-error.js';

const here = dirname(fileURLToPath(import.meta.url));
const pomPath = join(here, 'pom.xml');
const runFile = promisify(execFile);

/** Where the broker's jars sit, and the files that go with them. */
export interface KafkaClasspath {
  version: string;
  /** Folder of jars; the JVM expands `<libsDir>/*` itself. */
  libsDir: string;
  /** Folder for this Kafka version's logs, kept between runs. */
  homeDir: string;
  log4jConfig: string;
}

/**
 * Resolves the jars pinned in pom.xml into .cache/services/kafka-<version>/libs. A marker holding the
 * pom's hash is written only once Maven succeeded, so an interrupted download or an edited pom
 * resolves again, and an unchanged cache skips Maven entirely.
 *
 * @example
 * const { libsDir } = await resolveKafkaClasspath();
 * spawn('java', ['-cp', join(libsDir, '*'), 'kafka.Kafka', propertiesFile]);
 */
export async function resolveKafkaClasspath(): Promise<KafkaClasspath> {
  const pom = readFileSync(pomPath, 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1]?.trim();
  if (!version) throw new KafkaBrokerError('ERR_TEST_KAFKA_POM', `No <kafka.version> property in ${pomPath}`);

  const homeDir = cacheDir(`kafka-${version}`);
  const libsDir = join(homeDir, 'libs');
  const marker = join(homeDir, 'libs.resolved');
  const pomHash = createHash('sha256').update(pom).digest('hex');
  const classpath = { version, libsDir, homeDir, log4jConfig: join(here, 'log4j.properties') };
  if (existsSync(marker) && readFileSync(marker, 'utf8') === pomHash) return classpath;

  rmSync(marker, { force: true });
  // A half-filled folder from an interrupted run could mix jar versions on the classpath.
  rmSync(libsDir, { recursive: true, force: true });
  console.log(`[kafka] resolving Kafka ${version} jars from Maven Central into ${libsDir} (first run only)`);
  try {
    await runFile(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        pomPath,
        `-Dmaven.repo.local=${cacheDir('m2')}`,
        `-DoutputDirectory=${libsDir}`,
        'dependency:copy-dependencies',
      ],
      { timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const output = outputOf(error);
    throw new KafkaBrokerError(
      'ERR_TEST_KAFKA_RESOLVE',
      `Maven could not resolve the Kafka ${version} jars (${pomPath}).${output ? `\n${tail(output, 30)}` : ''}`,
      { cause: error },
    );
  }
  writeFileSync(marker, pomHash);
  return classpath;
}

function outputOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { stdout, stderr } = error as { stdout?: unknown; stderr?: unknown };
  return [stdout, stderr].filter((part) => typeof part === 'string' && part.trim() !== '').join('\n');
}
