/**
 * Rows to Parquet bytes with hyparquet-writer. Chosen over the other well-kept writers because it is pure
 * JavaScript with one dependency (its reader, hyparquet), so Forge's bundler packs it like any module and it
 * runs in the Node runtime without native code or a wasm file: parquet-wasm ships a wasm binary of several
 * MB that must be loaded at run time (Forge bundles a function's code, not side files it fetches), and
 * @dsnp/parquetjs pulls in Node-specific and native-leaning dependencies (thrift, brotli, bson, …) with a
 * far larger bundle. Every column is written with an explicit schema, so an empty month still has its types
 * and nothing is guessed from data.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnDef } from './export-schema';
import { EXPORT_SCHEMA_VERSION, type TableName } from './export-schema';
import type { CellValue, Row } from './export-rows';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
type ColumnSource = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number];

function schemaOf(column: ColumnDef): SchemaElement[] {
  const repetition_type = column.required ? 'REQUIRED' : 'OPTIONAL';
  switch (column.type) {
    case 'string':
      return [{ name: column.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type }];
    case 'int64':
      return [{ name: column.name, type: 'INT64', repetition_type }];
    case 'double':
      return [{ name: column.name, type: 'DOUBLE', repetition_type }];
    case 'boolean':
      return [{ name: column.name, type: 'BOOLEAN', repetition_type }];
    case 'timestamp':
      return [
        {
          name: column.name,
          type: 'INT64',
          repetition_type,
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
        },
      ];
    case 'date':
      return [{ name: column.name, type: 'INT32', converted_type: 'DATE', repetition_type }];
    case 'string_list':
      // The three-level LIST of the Parquet spec (LogicalTypes.md, "Lists"), which DuckDB reads as VARCHAR[].
      return [
        { name: column.name, repetition_type, converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      ];
  }
}

const DAY_MS = 86_400_000;

/** The value hyparquet-writer takes for the column's physical type. */
function cell(column: ColumnDef, value: CellValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'timestamp':
      return value instanceof Date ? BigInt(value.getTime()) : null;
    case 'date':
      return value instanceof Date ? Math.floor(value.getTime() / DAY_MS) : null;
    case 'int64':
      return typeof value === 'number' ? BigInt(Math.trunc(value)) : null;
    default:
      return value;
  }
}

export function writeParquet(table: TableName, columns: readonly ColumnDef[], rows: readonly Row[]): Uint8Array {
  const columnData: ColumnSource[] = columns.map((c) => ({
    name: c.name,
    data: rows.map((r) => cell(c, r[c.name])) as ColumnSource['data'],
    nullable: !c.required,
  }));
  const schema: SchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.flatMap(schemaOf),
  ];
  const buffer = parquetWriteBuffer({
    columnData,
    schema,
    kvMetadata: [{ key: 'tandem.schema', value: `${table}/v${EXPORT_SCHEMA_VERSION}` }],
    createdBy: `tandem analytics export (schema v${EXPORT_SCHEMA_VERSION})`,
  });
  return new Uint8Array(buffer);
}

/**
 * The rows as one file, or as several of at most `maxBytes` each when one would be larger: a file is served
 * whole by one web trigger invocation at most, so its size is bounded by that response's limit. Rows are
 * split in order into more, equal slices until every slice fits; a single row that cannot fit is an error
 * naming it rather than a file that cannot be served.
 */
export function writeParquetParts(
  table: TableName,
  columns: readonly ColumnDef[],
  rows: readonly Row[],
  maxBytes: number,
): { bytes: Uint8Array; rows: number }[] {
  for (let slices = 1; ; slices *= 2) {
    const size = Math.max(1, Math.ceil(rows.length / slices));
    const files: { bytes: Uint8Array; rows: number }[] = [];
    for (let i = 0; i === 0 || i < rows.length; i += size) {
      const slice = rows.slice(i, i + size);
      files.push({ bytes: writeParquet(table, columns, slice), rows: slice.length });
    }
    if (files.every((f) => f.bytes.byteLength <= maxBytes)) return files;
    if (size <= 1) {
      throw new Error(
        `a single ${table} row is over ${maxBytes} bytes as Parquet; it cannot be served under the web trigger's limit`,
      );
    }
  }
}
