/** One statement of a rendered file, without its terminating semicolon. */
export interface SqlStatement {
  /** Stable within the file, e.g. `create_table_staging_stg_orders`; tests and runners look statements up by it. */
  readonly name: string;
  readonly sql: string;
  /** One line shown above the statement. */
  readonly comment?: string;
}

/** A rendered SQL file: statements in the order they must run, and the text committed under sql/. */
export interface SqlFile {
  /** e.g. `02_tables.sql`. */
  readonly name: string;
  readonly statements: readonly SqlStatement[];
  readonly content: string;
}

/**
 * Assembles a file: a header of `--` lines, then each statement with its comment, terminated by `;`.
 *
 * @example
 * sqlFile('01_setup.sql', ['Creates the schemas.'], [{ name: 'schema_raw', sql: 'CREATE SCHEMA IF NOT EXISTS "RAW"' }]);
 */
export function sqlFile(
  name: string,
  header: readonly string[],
  statements: readonly SqlStatement[],
): SqlFile {
  const head = header.map((line) => (line === '' ? '--' : `-- ${oneLine(line)}`)).join('\n');
  const body = statements
    .map((s) => (s.comment === undefined ? `${s.sql};` : `-- ${oneLine(s.comment)}\n${s.sql};`))
    .join('\n\n');
  return Object.freeze({ name, statements: Object.freeze([...statements]), content: `${head}\n\n${body}\n` });
}

/** A comment that cannot end its line early and turn the rest into SQL. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Indents every line of `text` by `spaces`. */
export function indent(text: string, spaces = 2): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/**
 * Joins items with `, `, breaking lines before they pass `width`; continuation lines are indented.
 *
 * @example
 * wrapList(['"A"', '"B"'], 100); // '"A", "B"'
 */
export function wrapList(items: readonly string[], width = 100, continuation = '  '): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? item : `${line}, ${item}`;
    if (next.length > width && line !== '') {
      lines.push(`${line},`);
      line = item;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.join(`\n${continuation}`);
}
