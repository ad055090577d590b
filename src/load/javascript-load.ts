import { join } from 'node:path';
import type { BadLineSink } from './bad-line-sink.js';
import { BufferedWriter } from './buffered-writer.js';
import { stagedLine } from './clean-row.js';
import type { LoadOptionsChecked } from './load-options.js';
import type { LoadProgress } from './load-progress.js';
import { type FileCounts, type LoadFormat, validateFile } from './validate-file.js';

/**
 * Validation in JavaScript, line by line with the registry: every valid event is written to a staged
 * JSONL file the warehouse then reads (DuckDB's read_json, or Snowflake's PUT + COPY). Used for
 * Snowflake, and on DuckDB when the registry's definitions do not compile to SQL.
 *
 * @example
 * const { counts, staged } = await validateInJavaScript('a.jsonl', 0, 'jsonl', options, bad, workDir, progress, 0, 0);
 */
export async function validateInJavaScript(
  path: string,
  index: number,
  format: LoadFormat,
  options: LoadOptionsChecked,
  bad: BadLineSink,
  workDir: string,
  progress: LoadProgress,
  linesBefore: number,
  seqBefore: number,
): Promise<{ counts: FileCounts; staged: string }> {
  const out = new BufferedWriter(join(workDir, `part-${String(index + 1).padStart(5, '0')}.jsonl`));
  let seq = seqBefore;
  const counts = await validateFile(
    path,
    { format, parser: options.parser, maxLineBytes: options.maxLineBytes, fileLabel: path, now: options.now },
    {
      row: (row) => {
        progress.lines();
        return out.write(`${stagedLine(row, ++seq)}\n`);
      },
      dead: (letter) => {
        progress.lines();
        return bad.add(letter, linesBefore);
      },
      bytesRead: (n) => progress.bytes(n),
    },
  ).finally(() => out.close());
  await bad.flush();
  return { counts, staged: out.path };
}
