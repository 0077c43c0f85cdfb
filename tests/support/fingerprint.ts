/** Runs one SQL statement and answers its rows (a pg client, a PGlite instance, …). */
export type RowQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

/**
 * The content of a database, table by table, for comparing a backup's restore with its source:
 * per table of the public schema the row count and an md5 of all rows in a fixed order; per
 * sequence its last value.
 */
export async function fingerprint(query: RowQuery): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const tables = (await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r) => r.tablename as string);
  for (const table of tables) {
    const [row] = await query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM "${table}" t`);
    result[`table ${table}`] = `${row.n} rows, md5 ${row.sum}`;
  }
  for (const s of await query(`SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'`)) result[`sequence ${s.sequencename}`] = String(s.last_value);
  return result;
}
