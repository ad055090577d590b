import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { KafkaProducer } from '../../../src/kafka/kafka-producer.js';
import {
  type KafkaProducerOptions,
  type ProducibleEvent,
  resolveProducerOptions,
} from '../../../src/kafka/producer-options.js';
import { type KafkaSourceOptions, resolveSourceOptions } from '../../../src/kafka/source-options.js';

const kafka = { consumer: () => ({}), producer: () => ({}) } as unknown as KafkaSourceOptions['kafka'] &
  KafkaProducerOptions['kafka'];
const warehouse = { dialect: 'duckdb' as const, execute: async () => [] };

function sourceError(options: Partial<KafkaSourceOptions>): ConfigError | undefined {
  try {
    resolveSourceOptions({ kafka, groupId: 'g', topics: ['sales_events'], ...options } as KafkaSourceOptions);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  return undefined;
}

function producerError(options: Partial<KafkaProducerOptions>): ConfigError | undefined {
  try {
    resolveProducerOptions({ kafka, topic: 'sales_events', ...options } as KafkaProducerOptions);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  return undefined;
}

describe('KafkaSource options', () => {
  it('fills the defaults', () => {
    const resolved = resolveSourceOptions({ kafka, groupId: 'g', topics: ['sales_events', 'sales_events'] });
    expect(resolved).toMatchObject({
      groupId: 'g',
      topics: ['sales_events'],
      fromBeginning: true,
      maxRecordsPerWrite: 1_000,
      shutdownDeadlineMs: 30_000,
      signals: [],
      heartbeatIntervalMs: 3_000,
      resumeFromWarehouse: undefined,
    });
    expect(
      resolveSourceOptions({ kafka, groupId: 'g', topics: ['t'], consumer: { heartbeatInterval: 500 } }),
    ).toMatchObject({ heartbeatIntervalMs: 500 });
  });

  it.each([
    [{ kafka: {} as KafkaSourceOptions['kafka'] }, 'kafka'],
    [{ groupId: '' }, 'groupId'],
    [{ topics: [] }, 'topics'],
    [{ topics: ['ok', 'not ok'] }, 'topics[1]'],
    [{ topics: ['..'] }, 'topics[0]'],
    [{ maxRecordsPerWrite: 0 }, 'maxRecordsPerWrite'],
    [{ shutdownDeadlineMs: 1.5 }, 'shutdownDeadlineMs'],
    [{ fromBeginning: 'yes' as unknown as boolean }, 'fromBeginning'],
    [{ signals: ['TERM'] as unknown as NodeJS.Signals[] }, 'signals'],
    [{ consumer: { groupId: 'other' } as unknown as KafkaSourceOptions['consumer'] }, 'consumer.groupId'],
    [{ consumer: { heartbeatInterval: -1 } }, 'consumer.heartbeatInterval'],
    [{ resumeFromWarehouse: { warehouse: {} as typeof warehouse } }, 'resumeFromWarehouse.warehouse'],
    [
      { resumeFromWarehouse: { warehouse: { ...warehouse, dialect: 'postgres' as 'duckdb' } } },
      'resumeFromWarehouse.warehouse.dialect',
    ],
    [
      { resumeFromWarehouse: { warehouse, table: { schema: 'RAW', name: 'a-b' } } },
      'resumeFromWarehouse.table',
    ],
  ])('rejects %o naming `%s`', (options, field) => {
    const error = sourceError(options);
    expect(error?.field).toBe(field);
    expect(error?.code).toBe('ERR_CONFIG');
  });
});

describe('KafkaProducer options', () => {
  it('keys by product_id by default, with no key for an event without one', () => {
    const { keyOf, compression, maxBatchMessages } = resolveProducerOptions({ kafka, topic: 't' });
    expect(compression).toBe('none');
    expect(maxBatchMessages).toBe(1_000);
    const event: ProducibleEvent & { product_id: string | null } = {
      event_id: 'e',
      event_type: 'ORDER_CREATED',
      product_id: 'PROD-001',
    };
    expect(keyOf(event)).toBe('PROD-001');
    const withoutProduct: typeof event = { ...event, product_id: null };
    expect(keyOf(withoutProduct)).toBeNull();
    expect(resolveProducerOptions({ kafka, topic: 't', key: 'event_id' }).keyOf(event)).toBe('e');
    expect(resolveProducerOptions({ kafka, topic: 't', key: (e) => e.event_type }).keyOf(event)).toBe(
      'ORDER_CREATED',
    );
  });

  it.each([
    [{ kafka: {} as KafkaProducerOptions['kafka'] }, 'kafka'],
    [{ topic: 'sales events' }, 'topic'],
    [{ key: 'wine' as 'event_id' }, 'key'],
    [{ compression: 'brotli' as 'gzip' }, 'compression'],
    [{ maxBatchMessages: 0 }, 'maxBatchMessages'],
    [{ ackTimeoutMs: 0 }, 'ackTimeoutMs'],
    [{ producer: { idempotent: false } as KafkaProducerOptions['producer'] }, 'producer.idempotent'],
  ])('rejects %o naming `%s`', (options, field) => {
    expect(producerError(options)?.field).toBe(field);
  });

  it('refuses at connect a codec kafkajs has no implementation for', async () => {
    const producer = new KafkaProducer({ kafka, topic: 't', compression: 'zstd' });
    await expect(producer.connect()).rejects.toMatchObject({ code: 'ERR_CONFIG', field: 'compression' });
  });
});
