import type { SqlStatement } from '../renderer/sql-file.js';
import type { GrantsNode } from '../spec/operations.js';
import { allTables, type PipelineSpec } from '../spec/pipeline.js';
import type { SnowflakeDdlRenderer } from './snowflake-renderer.js';

type Writer = Pick<SnowflakeDdlRenderer, 'table' | 'id'>;

/**
 * Least privilege for the two roles eventflake knows: the loader may only append to RAW (the sink and
 * the file loader); the reader may only read PRODUCTION-side tables and the monitoring view.
 */
export function snowflakeGrantStatements(spec: PipelineSpec, roles: GrantsNode, w: Writer): SqlStatement[] {
  const statements: SqlStatement[] = [];
  const grant = (role: string, name: string, sql: string) =>
    statements.push({ name: `${role.toLowerCase()}_${name}`, sql: `${sql} TO ROLE ${w.id(role)}` });
  const common = (role: string, schemas: readonly string[]) => {
    statements.push({
      name: `create_role_${role.toLowerCase()}`,
      sql: `CREATE ROLE IF NOT EXISTS ${w.id(role)}`,
    });
    grant(role, 'warehouse', `GRANT USAGE ON WAREHOUSE ${w.id(spec.warehouse.name)}`);
    grant(role, 'database', `GRANT USAGE ON DATABASE ${w.id(spec.database)}`);
    for (const schema of schemas)
      grant(role, `schema_${schema.toLowerCase()}`, `GRANT USAGE ON SCHEMA ${w.id(schema)}`);
  };
  if (roles.loaderRole !== undefined) {
    common(roles.loaderRole, [spec.raw.name.schema]);
    grant(roles.loaderRole, 'raw_table', `GRANT SELECT, INSERT ON TABLE ${w.table(spec.raw)}`);
  }
  if (roles.readerRole !== undefined) {
    const readable = allTables(spec).filter(
      (t) => t.layer === 'production' || t.layer === 'reference' || t.layer === 'monitoring',
    );
    const schemas = [...new Set([...readable.map((t) => t.name.schema), spec.healthView.schema])];
    common(roles.readerRole, schemas);
    for (const t of readable) {
      grant(roles.readerRole, `select_${t.name.name.toLowerCase()}`, `GRANT SELECT ON TABLE ${w.table(t)}`);
    }
    grant(roles.readerRole, 'select_health', `GRANT SELECT ON VIEW ${w.table(spec.healthView)}`);
  }
  return statements;
}
