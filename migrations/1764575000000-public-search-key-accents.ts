import type { MigrationInterface, QueryRunner } from 'typeorm';

const KEY = (to: string) => `CREATE OR REPLACE FUNCTION public_search_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT btrim(regexp_replace(
    translate(replace(replace(replace(replace(lower(t), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
              'áàâãåéèêëíìîïóòôõúùûçñ', '${to}'),
    '[^a-z0-9]+', ' ', 'g'))
$$`;

/** Re-keys the rows whose key the corrected function spells differently (the change trigger tells the public store). */
const REKEY = `UPDATE public_status SET search_key = public_search_key(authority_name)
  WHERE search_key IS DISTINCT FROM public_search_key(authority_name)`;

/**
 * public_search_key's accent map (migration 1764500000000) had one "o" too many in its second
 * string (23 letters for 22 accented ones), so ú became o, ù u, û u... shifted: ú→o, ç→u, ñ→c.
 * A query typed without the accent ("Cucuta" for "Cúcuta") then missed. The map now has one letter
 * per accented letter, and the stored keys that change are recomputed.
 */
export class PublicSearchKeyAccents1764575000000 implements MigrationInterface {
  name = 'PublicSearchKeyAccents1764575000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(KEY('aaaaaeeeeiiiioooouuucn'));
    await q.query(REKEY);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(KEY('aaaaaeeeeiiiiooooouuucn'));
    await q.query(REKEY);
  }
}
