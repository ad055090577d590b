import { describe, expect, it } from 'vitest';
import { cli } from './support.js';

const COMMANDS: Record<string, readonly string[]> = {
  generate: ['--domain', '--count', '--seed', '--rate', '--faults', '--out'],
  'export-seed': ['--customers', '--products', '--orders', '--seed', '--out'],
  produce: ['--brokers', '--topic', '--replay', '--rate', '--count'],
  consume: ['--brokers', '--topic', '--group', '--db', '--metrics-port', '--metrics-host'],
  load: ['--db', '--dlq', '--format', '--max-bad-lines', '--max-bad-ratio', '--memory-limit'],
  'render-sql': ['--dialect', '--out', '--spec'],
  validate: ['--db', '--report', '--skip'],
  'run-local': ['--events', '--days', '--seed', '--db'],
  dashboard: ['--db', '--port', '--host', '--refresh-seconds'],
};

const EXAMPLES: Record<string, string> = {
  'examples/wine-shop/producer.ts': '--replay',
  'examples/wine-shop/consumer.ts': '--metrics-port',
  'examples/wine-shop/render-sql.ts': '--dialect',
  'examples/wine-shop/validate.ts': '--report',
};

describe('eventflake --help', () => {
  it('lists every command', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it.each(Object.entries(COMMANDS))('%s --help documents its options and exits 0', async (name, options) => {
    const { code, stdout } = await cli([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: eventflake ${name} [options]`);
    for (const option of options) expect(stdout).toContain(option);
  });

  it.each(Object.entries(EXAMPLES))('the example %s has its own --help', async (entry, option) => {
    const { code, stdout } = await cli(['--help'], { entry });
    expect(code).toBe(0);
    expect(stdout).toContain(option);
  });
});
