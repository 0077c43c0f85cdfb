import type { TestApp, TestUserKey } from './test-app.js';

/** A row of an import report as the REST answer lists it. */
export interface RowReport {
  row: number;
  action: string;
  id?: string;
  label: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
  issues?: Array<{ column: string | null; field: string; code: string; message: string; params: Record<string, unknown> }>;
  candidates?: Array<{ name: string; ars: string }>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST /import/<target> with the file as the raw body, signed in as `user` (null: anonymous). */
export async function uploadImport(
  t: TestApp,
  target: string,
  body: Buffer | string,
  query: Record<string, string> = {},
  user: TestUserKey | null = 'ROLLOUT_MANAGER',
  contentType = 'text/csv',
) {
  const qs = new URLSearchParams(query).toString();
  const req = t.http().post(`/import/${target}${qs ? `?${qs}` : ''}`).set('content-type', contentType);
  if (user) req.set('authorization', `Bearer ${await t.tokenOf(user)}`);
  return req.send(typeof body === 'string' ? Buffer.from(body) : body);
}

/** The listed rows by row number. */
export const byRow = (rows: RowReport[]): Record<number, RowReport> => Object.fromEntries(rows.map((r) => [r.row, r]));
