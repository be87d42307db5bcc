// A small Kysely dialect over @duckdb/node-api: Postgres-style SQL, a fixed pool of connections.
import {
  JSDuckDBValueConverter,
  ResultReturnType,
  type DuckDBConnection,
  type DuckDBValue,
  type DuckDBValueConverter,
} from '@duckdb/node-api';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

/** Counts and sums come back as BIGINT/HUGEINT; JSON callers want plain numbers. */
const toJs: DuckDBValueConverter<unknown> = (value, type, converter) => {
  const js = JSDuckDBValueConverter(value, type, converter as never);
  return typeof js === 'bigint' ? Number(js) : js;
};

function toDuckDB(parameter: unknown): DuckDBValue {
  if (parameter instanceof Date) return parameter.toISOString();
  return parameter as DuckDBValue;
}

export class DuckDBKyselyConnection implements DatabaseConnection {
  constructor(readonly raw: DuckDBConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.raw.run(query.sql, query.parameters.map(toDuckDB));
    const rows = (await result.convertRowObjects(toJs)) as R[];
    const changed =
      result.returnType === ResultReturnType.CHANGED_ROWS ? BigInt(result.rowsChanged) : undefined;
    return { rows, numAffectedRows: changed };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const result = await this.raw.stream(query.sql, query.parameters.map(toDuckDB));
    for await (const rows of result.yieldConvertedRowObjects(toJs)) {
      yield { rows: rows as R[] };
    }
  }
}

/** A fixed set of connections handed out one query (or transaction) at a time. */
class DuckDBDriver implements Driver {
  private readonly idle: DuckDBKyselyConnection[];
  private readonly waiting: ((connection: DuckDBKyselyConnection) => void)[] = [];
  private readonly size: number;
  private drained: (() => void) | null = null;

  constructor(
    connections: readonly DuckDBConnection[],
    private readonly gate?: () => Promise<void>,
  ) {
    this.idle = connections.map((c) => new DuckDBKyselyConnection(c));
    this.size = connections.length;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.gate) await this.gate();
    const connection = this.idle.pop();
    if (connection) return connection;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const next = this.waiting.shift();
    if (next) next(connection as DuckDBKyselyConnection);
    else this.idle.push(connection as DuckDBKyselyConnection);
    if (this.idle.length === this.size) this.drained?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN TRANSACTION'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  /** Waits for the queries in flight: closing a connection under a running query crashes. */
  async destroy(): Promise<void> {
    if (this.idle.length === this.size) return;
    await new Promise<void>((resolve) => (this.drained = resolve));
  }
}

/** Tables and columns from DuckDB's information_schema. */
class DuckDBIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await this.db.executeQuery<{ name: string }>(
      CompiledQuery.raw('SELECT schema_name AS name FROM information_schema.schemata'),
    );
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await this.db.executeQuery<{
      table_name: string;
      table_type: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
    }>(
      CompiledQuery.raw(
        `SELECT t.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable, c.column_default
         FROM information_schema.tables t
         JOIN information_schema.columns c USING (table_schema, table_name)
         WHERE t.table_schema = 'main'
         ORDER BY t.table_name, c.ordinal_position`,
      ),
    );
    const tables = new Map<string, TableMetadata>();
    for (const row of rows) {
      const table = tables.get(row.table_name) ?? {
        name: row.table_name,
        isView: row.table_type === 'VIEW',
        schema: 'main',
        columns: [],
      };
      table.columns.push({
        name: row.column_name,
        dataType: row.data_type,
        isNullable: row.is_nullable === 'YES',
        hasDefaultValue: row.column_default !== null,
        isAutoIncrementing: false,
      });
      tables.set(row.table_name, table);
    }
    return [...tables.values()];
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

export class DuckDBDialect implements Dialect {
  /** `gate`, when given, is awaited before each query or transaction takes a connection. */
  constructor(
    private readonly connections: readonly DuckDBConnection[],
    private readonly gate?: () => Promise<void>,
  ) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new DuckDBDriver(this.connections, this.gate);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new DuckDBIntrospector(db);
  }
}
