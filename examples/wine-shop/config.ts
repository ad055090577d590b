import { z } from 'zod';

/**
 * The demo's settings, from environment variables. A wrong value fails before anything runs, with the
 * variable's name and what was expected.
 */
const schema = z.object({
  DEMO_EVENTS: z.coerce.number().int().min(10).max(2_000_000).default(5_000),
  DEMO_DAYS: z.coerce.number().int().min(1).max(365).default(3),
  DEMO_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  DEMO_MALFORMED_RATE: z.coerce.number().min(0).max(0.5).default(0.01),
  DEMO_DUPLICATE_RATE: z.coerce.number().min(0).max(0.5).default(0.01),
  /** DuckDB file for the local warehouse; `:memory:` keeps nothing. */
  DEMO_DUCKDB_PATH: z.string().min(1).default(':memory:'),
  /** Where rejected events are written, one JSON object per line. */
  DEMO_DLQ_PATH: z.string().min(1).default('.cache/demo/dead-letters.jsonl'),
});

export type DemoConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid demo configuration:\n${problems.join('\n')}`);
}
