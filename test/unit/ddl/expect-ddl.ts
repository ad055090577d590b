import { expect } from 'vitest';
import { createRenderer } from '../../../src/ddl/render.js';
import type { DefaultDdlRenderer } from '../../../src/ddl/renderer/default-renderer.js';
import { DIALECTS, type DialectName } from '../../../src/ddl/spec/queries.js';

/** Removes the common indentation of a template literal and its first and last blank lines. */
export function sql(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const margin = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
  );
  return lines.map((l) => l.slice(margin)).join('\n');
}

/**
 * Renders with each dialect's renderer and compares with the expected SQL of that dialect
 * (kysely's testSql, for DDL).
 */
export function expectDdl(
  build: (renderer: DefaultDdlRenderer) => string,
  expected: Record<DialectName, string>,
): void {
  for (const dialect of DIALECTS) {
    expect(build(createRenderer(dialect)), `${dialect} SQL`).toBe(sql(expected[dialect]));
  }
}

/** The SQL of one named statement of a rendered file; fails the test when it is missing. */
export function statementOf(
  files: readonly { name: string; statements: readonly { name: string; sql: string }[] }[],
  fileName: string,
  statementName: string,
): string {
  const file = files.find((f) => f.name === fileName);
  expect(file, `file ${fileName}`).toBeDefined();
  const found = file?.statements.find((s) => s.name === statementName);
  expect(found, `statement ${statementName} in ${fileName}`).toBeDefined();
  return found?.sql ?? '';
}
