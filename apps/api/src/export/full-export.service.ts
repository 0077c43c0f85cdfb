import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  EXPORT_EXCLUDED_ROWS,
  EXPORT_EXCLUDED_TABLES,
  EXPORT_SECRET_COLUMNS,
  FULL_EXPORT_FORMAT,
  checkManifest,
  dependencyOrder,
  type ExportManifest,
  type ManifestTable,
} from '@efa/domain';
import { DataSource, type QueryRunner } from 'typeorm';

/** Where an export goes: one writable per file (a directory, or the entries of a zip). */
export interface ExportSink {
  entry(name: string): Writable;
  /** Called after each entry's stream has been ended; resolves when it is fully written. */
  closed?(stream: Writable): Promise<void>;
}

/** Where an import comes from: the files of an export (a directory, or a zip file). */
export interface ExportSource {
  /** For messages: the directory or file. */
  describe: string;
  has(name: string): boolean;
  open(name: string): Readable;
}

/** An export directory as import source. */
export function directorySource(dir: string): ExportSource {
  return {
    describe: dir,
    has: (name) => fs.existsSync(path.join(dir, name)),
    open: (name) => fs.createReadStream(path.join(dir, name)),
  };
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export interface TableInfo {
  name: string;
  /** Columns that are written (generated columns are recomputed by the database). */
  columns: string[];
  /** Generated columns: left out of the export. */
  generated: string[];
  primaryKey: string[];
  identityAlways: boolean;
  /** Sequences behind columns (serial/bigserial), to set after a load. */
  sequences: Array<{ column: string; sequence: string }>;
}

const BATCH_ROWS = 1000;
const IMPORT_BATCH_ROWS = 500;
const IMPORT_BATCH_BYTES = 4 * 1024 * 1024;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Writes a line and waits when the stream's buffer is full; fails when the stream is closed meanwhile (a download broken off). */
async function writeLine(out: Writable, line: string): Promise<void> {
  if (out.destroyed) throw new Error('The export output was closed before the end');
  if (out.write(line + '\n')) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', drained).off('close', closed).off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    const drained = () => settle();
    const closed = () => settle(new Error('The export output was closed before the end'));
    out.on('drain', drained).on('close', closed).on('error', settle);
  });
}

/** A directory as export target: manifest.json and one <table>.jsonl per table. */
export function directorySink(dir: string): ExportSink {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).length) throw new DomainError(ErrorCode.VALIDATION, `The export directory ${dir} is not empty`);
  return {
    entry: (name) => fs.createWriteStream(path.join(dir, name)),
    closed: async (stream) => {
      if (!(stream as fs.WriteStream).closed) await once(stream, 'close');
    },
  };
}

/**
 * Full export and restore of all data (see README, Export and restore): every table of the
 * schema in foreign-key order as JSON lines, read in primary-key batches inside one
 * repeatable-read snapshot; the restore loads an export into an empty migrated database in one
 * transaction. Secrets are left out (EXPORT_EXCLUDED_* in libs/domain).
 */
@Injectable()
export class FullExportService {
  constructor(private readonly dataSource: DataSource) {}

  /** The schema's tables with data to carry, in dependency order, discovered from the catalog. */
  async tables(q: QueryRunner): Promise<TableInfo[]> {
    const names: Array<{ name: string }> = await q.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    );
    const refs: Array<{ from: string; to: string }> = await q.query(
      `SELECT f.relname AS "from", t.relname AS "to" FROM pg_constraint k
         JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = f.relnamespace
        WHERE k.contype = 'f' AND n.nspname = current_schema()`,
    );
    const columns: Array<{ table: string; column: string; generated: string; identity: string | null; sequence: string | null }> = await q.query(
      `SELECT table_name AS "table", column_name AS "column", is_generated AS generated, identity_generation AS identity,
              pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
         FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const keys: Array<{ table: string; column: string }> = await q.query(
      `SELECT c.relname AS "table", a.attname AS "column" FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, pos) ON true
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
        WHERE k.contype = 'p' AND n.nspname = current_schema() ORDER BY c.relname, u.pos`,
    );
    const carried = names.map((n) => n.name).filter((n) => !EXPORT_EXCLUDED_TABLES.includes(n));
    return dependencyOrder(carried, refs).map((name) => {
      const own = columns.filter((c) => c.table === name);
      const primaryKey = keys.filter((k) => k.table === name).map((k) => k.column);
      if (!primaryKey.length) throw new Error(`Table ${name} has no primary key: the export reads tables in primary-key order`);
      return {
        name,
        columns: own.filter((c) => c.generated !== 'ALWAYS').map((c) => c.column),
        generated: own.filter((c) => c.generated === 'ALWAYS').map((c) => c.column),
        primaryKey,
        identityAlways: own.some((c) => c.identity === 'ALWAYS'),
        sequences: own.filter((c) => c.sequence).map((c) => ({ column: c.column, sequence: c.sequence! })),
      };
    });
  }

  /** Name of the last applied migration. */
  async schemaVersion(q: QueryRunner): Promise<string> {
    const [row] = await q.query(`SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`);
    if (!row) throw new DomainError(ErrorCode.VALIDATION, 'The database has no migrations applied: run `npm run db:migrate` first');
    return row.name;
  }

  /** Writes every table and then manifest.json (written last: an export without it is incomplete). */
  async exportTo(sink: ExportSink, options: { passwordHashes?: boolean } = {}): Promise<ExportManifest> {
    const q = this.dataSource.createQueryRunner();
    await q.connect();
    try {
      await q.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      const exportedAt = new Date().toISOString();
      const schemaVersion = await this.schemaVersion(q);
      const tables: ManifestTable[] = [];
      for (const table of await this.tables(q)) {
        const left = options.passwordHashes ? [] : [...(EXPORT_SECRET_COLUMNS[table.name] ?? [])];
        const columns = table.columns.filter((c) => !left.includes(c));
        const file = `${table.name}.jsonl`;
        const out = sink.entry(file);
        const rows = await this.exportTable(q, table, columns, out);
        out.end();
        await sink.closed?.(out);
        tables.push({ name: table.name, file, columns, rows });
      }
      await q.query(`COMMIT`);
      const manifest: ExportManifest = {
        format: FULL_EXPORT_FORMAT,
        schemaVersion,
        exportedAt,
        passwordHashes: Boolean(options.passwordHashes),
        tables,
        excluded: [
          ...EXPORT_EXCLUDED_TABLES.map((t) => `table ${t}`),
          ...Object.entries(EXPORT_EXCLUDED_ROWS).map(([t, r]) => `${t} rows with ${r.column} in (${r.values.join(', ')})`),
          ...(options.passwordHashes ? [] : Object.entries(EXPORT_SECRET_COLUMNS).map(([t, cs]) => `${t}.${cs.join(', ')}`)),
        ],
      };
      const out = sink.entry('manifest.json');
      out.end(JSON.stringify(manifest, null, 2) + '\n');
      await sink.closed?.(out);
      return manifest;
    } catch (e) {
      await q.query(`ROLLBACK`).catch(() => undefined);
      throw e;
    } finally {
      await q.release();
    }
  }

  /** One table as JSON lines, read in batches by primary key (keyset paging: never the whole table in memory). */
  private async exportTable(q: QueryRunner, table: TableInfo, columns: string[], out: Writable): Promise<number> {
    const t = ident(table.name);
    const dropped = table.columns.filter((c) => !columns.includes(c));
    const leave = [...dropped, ...table.generated];
    const pk = table.primaryKey.map((c) => `x.${ident(c)}`).join(', ');
    const excluded = EXPORT_EXCLUDED_ROWS[table.name];
    let after: string[] | null = null;
    let rows = 0;
    for (;;) {
      const params: unknown[] = [leave];
      const where: string[] = [];
      if (excluded) {
        params.push(excluded.values);
        where.push(`x.${ident(excluded.column)} <> ALL($${params.length}::text[])`);
      }
      if (after) {
        const marks = after.map((v) => (params.push(v), `$${params.length}`));
        where.push(`(${pk}) > (${marks.join(', ')})`);
      }
      const batch: Array<{ line: string; [k: string]: string }> = await q.query(
        `SELECT (to_jsonb(x) - $1::text[])::text AS line, ${table.primaryKey.map((c, i) => `x.${ident(c)}::text AS k${i}`).join(', ')}
           FROM ${t} x ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${pk} LIMIT ${BATCH_ROWS}`,
        params,
      );
      for (const row of batch) await writeLine(out, row.line);
      rows += batch.length;
      if (batch.length < BATCH_ROWS) return rows;
      const last = batch[batch.length - 1];
      after = table.primaryKey.map((_, i) => last[`k${i}`]);
    }
  }

  /**
   * Loads an export (a directory, or a source such as `zipSource`) into this database, which must be migrated to the export's schema
   * version and hold no data. One transaction: any error (a broken line, a row the constraints
   * refuse, a row count differing from the manifest) writes nothing and names the file and line.
   */
  async importFrom(input: string | ExportSource, onTable?: (table: string, rows: number) => void): Promise<Record<string, number>> {
    const source = typeof input === 'string' ? directorySource(input) : input;
    if (!source.has('manifest.json')) throw new DomainError(ErrorCode.VALIDATION, `${source.describe} has no manifest.json: not a full export (or an incomplete one)`);
    let raw: unknown;
    try {
      raw = JSON.parse(await readAll(source.open('manifest.json')));
    } catch (e) {
      throw new DomainError(ErrorCode.VALIDATION, `manifest.json: not valid JSON (${(e as Error).message})`);
    }
    const q = this.dataSource.createQueryRunner();
    await q.connect();
    try {
      await q.startTransaction();
      const tables = await this.tables(q);
      const manifest = checkManifest(raw, { schemaVersion: await this.schemaVersion(q), tables: tables.map((t) => t.name) });
      await this.requireEmpty(q, tables);
      const counts: Record<string, number> = {};
      for (const entry of manifest.tables) {
        const table = tables.find((t) => t.name === entry.name)!;
        const unknown = entry.columns.filter((c) => !table.columns.includes(c));
        if (unknown.length) throw new DomainError(ErrorCode.VALIDATION, `manifest.json: table ${entry.name} has no column ${unknown.join(', ')} in the target database`);
        const rows = await this.importTable(q, table, entry, source);
        if (rows !== entry.rows) throw new DomainError(ErrorCode.VALIDATION, `${entry.file}: ${rows} rows, but the manifest says ${entry.rows}`);
        for (const s of table.sequences) {
          await q.query(`SELECT setval($1, COALESCE((SELECT max(${ident(s.column)}) FROM ${ident(table.name)}), 0) + 1, false)`, [s.sequence]);
        }
        counts[entry.name] = rows;
        onTable?.(entry.name, rows);
      }
      await q.commitTransaction();
      return counts;
    } catch (e) {
      if (q.isTransactionActive) await q.rollbackTransaction();
      throw e;
    } finally {
      await q.release();
    }
  }

  private async requireEmpty(q: QueryRunner, tables: TableInfo[]): Promise<void> {
    const filled: string[] = [];
    for (const table of tables) {
      const excluded = EXPORT_EXCLUDED_ROWS[table.name];
      const [{ any }] = await q.query(
        `SELECT EXISTS (SELECT 1 FROM ${ident(table.name)} x ${excluded ? `WHERE x.${ident(excluded.column)} <> ALL($1::text[])` : ''}) AS any`,
        excluded ? [excluded.values] : [],
      );
      if (any) filled.push(table.name);
    }
    if (filled.length) {
      throw new DomainError(
        ErrorCode.VALIDATION,
        `The target database is not empty (rows in ${filled.join(', ')}): a full import restores only into a database without data (a new database or DATA_DIR; not one that npm start or db:seed has seeded)`,
      );
    }
  }

  private async importTable(q: QueryRunner, table: TableInfo, entry: ManifestTable, source: ExportSource): Promise<number> {
    if (!source.has(entry.file)) throw new DomainError(ErrorCode.VALIDATION, `${entry.file} not found in ${source.describe} (listed in manifest.json)`);
    const cols = entry.columns.map(ident).join(', ');
    const insert = `INSERT INTO ${ident(table.name)} (${cols}) ${table.identityAlways ? 'OVERRIDING SYSTEM VALUE ' : ''}SELECT ${cols} FROM jsonb_populate_recordset(NULL::${ident(table.name)}, $1::jsonb)`;
    const lines = readline.createInterface({ input: source.open(entry.file).setEncoding('utf8'), crlfDelay: Infinity });
    let batch: Array<{ line: number; text: string }> = [];
    let bytes = 0;
    let lineNo = 0;
    let rows = 0;
    const flush = async () => {
      if (!batch.length) return;
      await this.insertBatch(q, insert, entry.file, batch);
      rows += batch.length;
      batch = [];
      bytes = 0;
    };
    for await (const text of lines) {
      lineNo++;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new DomainError(ErrorCode.VALIDATION, `${entry.file} line ${lineNo}: not valid JSON (${(e as Error).message})`);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DomainError(ErrorCode.VALIDATION, `${entry.file} line ${lineNo}: not a JSON object`);
      const unknown = Object.keys(value).filter((k) => !entry.columns.includes(k));
      if (unknown.length) throw new DomainError(ErrorCode.VALIDATION, `${entry.file} line ${lineNo}: unknown column ${unknown.join(', ')}`);
      batch.push({ line: lineNo, text });
      bytes += text.length;
      if (batch.length >= IMPORT_BATCH_ROWS || bytes >= IMPORT_BATCH_BYTES) await flush();
    }
    await flush();
    return rows;
  }

  /** Inserts a batch; when the database refuses it, inserts its rows one by one to name the refused line. */
  private async insertBatch(q: QueryRunner, insert: string, file: string, batch: Array<{ line: number; text: string }>): Promise<void> {
    const json = (items: typeof batch) => `[${items.map((b) => b.text).join(',')}]`;
    await q.query(`SAVEPOINT full_import_batch`);
    try {
      await q.query(insert, [json(batch)]);
      await q.query(`RELEASE SAVEPOINT full_import_batch`);
      return;
    } catch {
      await q.query(`ROLLBACK TO SAVEPOINT full_import_batch`);
    }
    for (const item of batch) {
      try {
        await q.query(`SAVEPOINT full_import_row`);
        await q.query(insert, [json([item])]);
        await q.query(`RELEASE SAVEPOINT full_import_row`);
      } catch (e) {
        throw new DomainError(ErrorCode.VALIDATION, `${file} line ${item.line}: ${(e as Error).message}`);
      }
    }
  }
}
