import type { QualifiedName } from '../../warehouse/identifier.js';
import { objectName } from './names.js';
import type { TableNode } from './tables.js';

/**
 * `append_only` streams see inserts only (RAW: retention deletes must not reach the tasks);
 * `standard` streams see every change (STAGING), and task bodies keep only the inserted rows.
 */
export type StreamMode = 'append_only' | 'standard';

export interface StreamNode {
  readonly kind: 'stream';
  readonly name: QualifiedName;
  readonly on: TableNode;
  readonly mode: StreamMode;
  readonly description?: string;
}

/**
 * A change stream on a table. Snowflake streams cannot filter rows; the task that reads the stream
 * keeps the event type it wants, and every row it reads still advances the stream.
 *
 * @example
 * stream(objectName('RAW_DATA', 'STREAM_RAW_ORDERS'), raw, 'append_only');
 */
export function stream(
  name: QualifiedName,
  on: TableNode,
  mode: StreamMode,
  description?: string,
): StreamNode {
  const node: StreamNode = {
    kind: 'stream',
    name: objectName(name.schema, name.name),
    on,
    mode,
    ...(description === undefined ? {} : { description }),
  };
  return Object.freeze(node);
}
