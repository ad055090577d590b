import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DeadLetter } from '../sink/dead-letter.js';
import { decodeRecord } from '../sink/decode-record.js';
import { type QualifiedName, quoteIdentifier } from '../warehouse/identifier.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { BadLineSink } from './bad-line-sink.js';
import { BufferedWriter } from './buffered-writer.js';
import { stagedLine } from './clean-row.js';
import { SqlLineCountError, SqlValidationMismatchError } from './errors.js';
import { readLineBatches } from './line-reader.js';
import type { LoadOptionsChecked } from './load-options.js';
import type { LoadProgress } from './load-progress.js';
import { fitsSqlLineFile, LineParts } from './sql-line-file.js';
import {
  createCheckedTableSql,
  insertCheckedSql,
  insertLoadedSql,
  LINES_PER_FILE,
  linesRelationSql,
  notAcceptedPageSql,
} from './sql-load-sql.js';
import type { CompiledRegistry } from './sql-validation/registry-compiler.js';
import { type FileCounts, tooLong, validateFile } from './validate-file.js';

const PAGE = 20_000;

/** What the DuckDB load needs besides the files. */
export interface SqlLoadContext {
  readonly warehouse: Warehouse;
  readonly options: LoadOptionsChecked;
  readonly compiled: CompiledRegistry;
  readonly bad: BadLineSink;
  readonly workDir: string;
  readonly progress: LoadProgress;
}

/**
 * Validation inside DuckDB. JavaScript only frames the lines (exactly as before: numbering, blank lines,
 * size limit, UTF-8) and copies them to line files; DuckDB reads each as soon as it is complete and
 * classifies every line with the SQL compiled from the definitions. Lines it does not accept go through `decodeRecord` as before: for
 * the dead letter's reason, or for the row when SQL could not decide. Nothing reaches RAW until
 * {@link SqlLoad.insert}, one statement for the whole load.
 *
 * @example
 * const load = await SqlLoad.open(context);
 * for (const [i, path] of paths.entries()) files.push(await load.readFile(path, i, 'jsonl', linesSoFar));
 * const inserted = await load.insert(DEFAULT_RAW_TABLE);
 * await load.close();
 */
export class SqlLoad {
  readonly #context: SqlLoadContext;
  readonly #table: string;
  readonly #jsRows: BufferedWriter;

  private constructor(context: SqlLoadContext, table: string) {
    this.#context = context;
    this.#table = table;
    this.#jsRows = new BufferedWriter(join(context.workDir, 'js-rows.jsonl'));
  }

  static async open(context: SqlLoadContext): Promise<SqlLoad> {
    const table = `ef_load_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await context.warehouse.execute(createCheckedTableSql(table));
    return new SqlLoad(context, table);
  }

  /** Read and classify one file; its bad lines go to the sink in line order. */
  async readFile(
    path: string,
    index: number,
    format: 'jsonl' | 'csv',
    linesBefore: number,
  ): Promise<FileCounts> {
    const { options, bad, progress } = this.#context;
    const base = index * LINES_PER_FILE;
    if (format === 'csv') {
      // CSV keeps the JavaScript validation: its records are rebuilt as JSON envelopes first.
      return validateFile(
        path,
        {
          format,
          parser: options.parser,
          maxLineBytes: options.maxLineBytes,
          fileLabel: path,
          now: options.now,
        },
        {
          row: (row, line) => {
            progress.lines();
            return this.#jsRows.write(`${stagedLine(row, base + line)}\n`);
          },
          dead: (letter) => {
            progress.lines();
            return bad.add(letter, linesBefore);
          },
          bytesRead: (n) => progress.bytes(n),
        },
      );
    }
    const { warehouse, compiled } = this.#context;
    const parts = new LineParts(
      join(this.#context.workDir, `lines-${String(index + 1).padStart(5, '0')}`),
      async (part, written) => {
        const [result] = await warehouse.execute(
          insertCheckedSql(
            this.#table,
            compiled.classifySql(linesRelationSql(part, index, options.maxLineBytes)),
          ),
          [JSON.stringify(path)],
        );
        // Every line written must come back classified, or it would vanish without a row or a letter.
        const classified = Number(result?.Count ?? Number.NaN);
        if (classified !== written) throw new SqlLineCountError(path, written, classified);
      },
    );
    const early: { seq: number; letter: DeadLetter }[] = [];
    let lines = 0;
    try {
      reading: for await (const batch of readLineBatches(path, (n) => progress.bytes(n))) {
        for (const record of batch) {
          if (record.bytes.length === 0) continue;
          lines++;
          progress.lines();
          if (
            record.bytes.length <= options.maxLineBytes &&
            isUtf8(record.bytes) &&
            fitsSqlLineFile(record.bytes)
          ) {
            const waiting = parts.add(record.line, record.bytes);
            if (waiting !== undefined) await waiting;
            continue;
          }
          const seq = base + record.line;
          const lineage = { file: path, line: record.line };
          const decoded =
            tooLong(record, lineage, options) ??
            decodeRecord({ value: record.bytes, lineage }, options.parser, options.now);
          if (decoded.kind === 'row') await this.#jsRows.write(`${stagedLine(decoded.row, seq)}\n`);
          else early.push({ seq, letter: decoded.letter });
          // Enough bad lines to stop the load whatever the rest holds: the letters up to here are what
          // the dead-letter file must show, and the merge below stops at the same line.
          if (bad.count + early.length > options.maxBadLines) break reading;
        }
      }
    } catch (error) {
      // Let the classifications under way end before the load gives up; the reading error is the news.
      await parts.finish().catch(() => undefined);
      throw error;
    }
    await parts.finish();
    const badLines = await this.#settle(path, base, early, linesBefore);
    return { lines, valid: lines - badLines, bad: badLines };
  }

  /** Decode the lines SQL did not accept, merge them with the early letters in line order. */
  async #settle(
    path: string,
    base: number,
    early: readonly { seq: number; letter: DeadLetter }[],
    linesBefore: number,
  ): Promise<number> {
    const { warehouse, options, bad } = this.#context;
    let next = 0;
    let badLines = 0;
    const letEarlyThrough = async (seq: number) => {
      for (let e = early[next]; e !== undefined && e.seq < seq; e = early[++next]) {
        badLines++;
        await bad.add(e.letter, linesBefore);
      }
    };
    let after = base;
    for (;;) {
      const page = await warehouse.execute(notAcceptedPageSql(this.#table, PAGE), [
        base,
        base + LINES_PER_FILE - 1,
        after,
      ]);
      for (const row of page) {
        const seq = Number(row.seq);
        await letEarlyThrough(seq);
        const line = seq - base;
        const lineage = { file: path, line };
        const decoded = decodeRecord(
          { value: Buffer.from(String(row.text), 'utf8'), lineage },
          options.parser,
          options.now,
        );
        if (decoded.kind === 'row') {
          if (row.verdict === 'X') throw new SqlValidationMismatchError(path, line, decoded.row.eventType);
          await this.#jsRows.write(`${stagedLine(decoded.row, seq)}\n`);
        } else {
          badLines++;
          await bad.add(decoded.letter, linesBefore);
        }
        after = seq;
      }
      if (page.length < PAGE) break;
    }
    await letEarlyThrough(Number.POSITIVE_INFINITY);
    return badLines;
  }

  /** The load's one INSERT into RAW; returns the rows inserted. */
  async insert(raw: QualifiedName): Promise<number> {
    await this.#jsRows.close();
    const jsFiles = this.#jsRows.writes > 0 ? [this.#jsRows.path] : [];
    const [result] = await this.#context.warehouse.execute(insertLoadedSql(raw, this.#table, jsFiles));
    return Number(result?.Count ?? 0);
  }

  async close(): Promise<void> {
    try {
      await this.#jsRows.close();
    } finally {
      await this.#context.warehouse.execute(`DROP TABLE IF EXISTS ${quoteIdentifier(this.#table)}`);
    }
  }
}
