import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public rollout status ("Can I apply online with my authority?").
 *
 * - `onboarding.publish_plan`: the authority agreed to publish its planned quarter.
 * - `public_status`: one row per service with an OZG-ID × authority, holding only what may be
 *   published (status, go-live date, link to apply, planned quarter when agreed, names, keys).
 *   The public endpoints read nothing else. It is derived data: kept current by statement-level
 *   triggers (transition tables) on onboarding, authority, service, state and service_stage, in
 *   the same transaction as the write, whatever path the write takes (GraphQL, import, bulk
 *   advance, seed, SQL).
 * - `public_status_change`: one row per transaction that changed public_status (txid unique);
 *   API instances compare its count and newest id every second and reload their in-memory copy
 *   when it differs (rows commit out of id order, so the count is compared as well as the id).
 * - `public_rate_limit`: per-address request counters of the public endpoints, per minute window,
 *   merged by every API instance (unlogged: counters need no crash safety).
 *
 * Status rules (same as the dashboard's "live"): LIVE = the onboarding is in its service's last
 * stage and not cancelled; PREPARING = an onboarding exists, is not cancelled and not live;
 * NOT_PLANNED = no onboarding, or a cancelled one. live_since = the go-live day (Europe/Berlin);
 * apply_url only when LIVE; planned_quarter ('2027-Q1') only when PREPARING, publish_plan is set
 * and a planned go-live exists.
 *
 * Every function carries `SET search_path FROM CURRENT` so pg_restore (empty search_path) works.
 */
export class PublicStatus1764500000000 implements MigrationInterface {
  name = 'PublicStatus1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE onboarding ADD COLUMN publish_plan boolean NOT NULL DEFAULT false`);

    await q.query(`CREATE TABLE public_status (
      service_id uuid NOT NULL CONSTRAINT fk_public_status_service REFERENCES service(id) ON DELETE CASCADE,
      authority_id uuid NOT NULL CONSTRAINT fk_public_status_authority REFERENCES authority(id) ON DELETE CASCADE,
      ozg_id text NOT NULL,
      service_name text NOT NULL,
      ars char(12) NOT NULL,
      authority_name text NOT NULL,
      authority_level text NOT NULL,
      state_code char(2) NOT NULL,
      state_name text NOT NULL,
      search_key text NOT NULL,
      status text NOT NULL CHECK (status IN ('LIVE','PREPARING','NOT_PLANNED')),
      live_since date,
      apply_url text,
      planned_quarter text CHECK (planned_quarter ~ '^[0-9]{4}-Q[1-4]$'),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_public_status PRIMARY KEY (service_id, authority_id)
    )`);
    await q.query(`CREATE INDEX ix_public_status_authority ON public_status (authority_id)`);
    await q.query(`CREATE UNIQUE INDEX uq_public_status_ozg_ars ON public_status (ozg_id, ars)`);

    await q.query(`CREATE TABLE public_status_change (
      id bigserial PRIMARY KEY,
      txid bigint NOT NULL DEFAULT txid_current() CONSTRAINT uq_public_status_change_txid UNIQUE,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE UNLOGGED TABLE public_rate_limit (
      address text NOT NULL,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL CHECK (hits >= 0),
      CONSTRAINT pk_public_rate_limit PRIMARY KEY (address, window_start)
    )`);

    // The search key of a name: lower case, ä→ae ö→oe ü→ue ß→ss, other accents dropped, anything
    // but letters and digits a single space. libs/domain publicSearchKey does the same (tested).
    await q.query(`CREATE FUNCTION public_search_key(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
      SELECT btrim(regexp_replace(
        translate(replace(replace(replace(replace(lower(t), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
                  'áàâãåéèêëíìîïóòôõúùûçñ', 'aaaaaeeeeiiiiooooouuucn'),
        '[^a-z0-9]+', ' ', 'g'))
    $$`);

    // What public_status should hold for the services × authorities selected (NULL = all).
    // p_pairs: only these (service, authority) pairs (zipped arrays); else the cross product.
    await q.query(`CREATE FUNCTION public_status_refresh(p_services uuid[], p_authorities uuid[], p_pairs boolean DEFAULT false) RETURNS void
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        WITH target AS (
          SELECT DISTINCT u.s AS service_id, u.a AS authority_id FROM unnest(p_services, p_authorities) AS u(s, a) WHERE p_pairs
          UNION ALL
          SELECT s.id, a.id FROM service s CROSS JOIN authority a
          WHERE NOT p_pairs AND s.ozg_id IS NOT NULL
            AND (p_services IS NULL OR s.id = ANY (p_services))
            AND (p_authorities IS NULL OR a.id = ANY (p_authorities))
        ),
        fresh AS (
          SELECT s.id AS service_id, a.id AS authority_id, s.ozg_id, s.name AS service_name, a.ars, a.name AS authority_name,
                 a.level AS authority_level, st.code AS state_code, st.name AS state_name, public_search_key(a.name) AS search_key,
                 x.status,
                 CASE WHEN x.status = 'LIVE' THEN (o.live_at AT TIME ZONE 'Europe/Berlin')::date END AS live_since,
                 CASE WHEN x.status = 'LIVE' THEN o.apply_url END AS apply_url,
                 CASE WHEN x.status = 'PREPARING' AND o.publish_plan AND o.planned_go_live IS NOT NULL
                      THEN to_char(o.planned_go_live, 'YYYY') || '-Q' || to_char(o.planned_go_live, 'Q') END AS planned_quarter
          FROM target t
          JOIN service s ON s.id = t.service_id AND s.ozg_id IS NOT NULL
          JOIN authority a ON a.id = t.authority_id
          JOIN state st ON st.id = a.state_id
          LEFT JOIN onboarding o ON o.service_id = s.id AND o.authority_id = a.id
          CROSS JOIN LATERAL (SELECT CASE
            WHEN o.id IS NULL OR o.status = 'CANCELLED' THEN 'NOT_PLANNED'
            WHEN o.stage = (SELECT ss.key FROM service_stage ss WHERE ss.service_id = s.id ORDER BY ss.position DESC LIMIT 1) THEN 'LIVE'
            ELSE 'PREPARING' END AS status) x
        ),
        gone AS (
          DELETE FROM public_status p USING target t
          WHERE p.service_id = t.service_id AND p.authority_id = t.authority_id
            AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.service_id = p.service_id AND f.authority_id = p.authority_id)
        )
        INSERT INTO public_status AS p (service_id, authority_id, ozg_id, service_name, ars, authority_name, authority_level, state_code, state_name,
                                        search_key, status, live_since, apply_url, planned_quarter, updated_at)
        SELECT f.*, now() FROM fresh f
        ON CONFLICT (service_id, authority_id) DO UPDATE SET
          ozg_id = EXCLUDED.ozg_id, service_name = EXCLUDED.service_name, ars = EXCLUDED.ars, authority_name = EXCLUDED.authority_name,
          authority_level = EXCLUDED.authority_level, state_code = EXCLUDED.state_code, state_name = EXCLUDED.state_name,
          search_key = EXCLUDED.search_key, status = EXCLUDED.status, live_since = EXCLUDED.live_since, apply_url = EXCLUDED.apply_url,
          planned_quarter = EXCLUDED.planned_quarter, updated_at = now()
        WHERE (p.ozg_id, p.service_name, p.ars, p.authority_name, p.authority_level, p.state_code, p.state_name, p.search_key, p.status,
               p.live_since, p.apply_url, p.planned_quarter)
          IS DISTINCT FROM
              (EXCLUDED.ozg_id, EXCLUDED.service_name, EXCLUDED.ars, EXCLUDED.authority_name, EXCLUDED.authority_level, EXCLUDED.state_code,
               EXCLUDED.state_name, EXCLUDED.search_key, EXCLUDED.status, EXCLUDED.live_since, EXCLUDED.apply_url, EXCLUDED.planned_quarter);
      END $$`);

    // Onboardings: the pairs whose public fields changed (inserted, deleted, or one of the fields read above).
    await q.query(`CREATE FUNCTION public_status_onboarding_trg() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE s uuid[]; a uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.service_id), array_agg(n.authority_id) INTO s, a FROM new_rows n;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(o.service_id), array_agg(o.authority_id) INTO s, a FROM old_rows o;
        ELSE
          SELECT array_agg(x.service_id), array_agg(x.authority_id) INTO s, a FROM (
            SELECT n.service_id, n.authority_id, o.service_id AS old_service, o.authority_id AS old_authority
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.service_id, n.authority_id, n.stage, n.status, n.live_at, n.apply_url, n.publish_plan, n.planned_go_live)
                  IS DISTINCT FROM (o.service_id, o.authority_id, o.stage, o.status, o.live_at, o.apply_url, o.publish_plan, o.planned_go_live)
          ) c CROSS JOIN LATERAL (VALUES (c.service_id, c.authority_id), (c.old_service, c.old_authority)) AS x(service_id, authority_id);
        END IF;
        IF s IS NOT NULL THEN PERFORM public_status_refresh(s, a, true); END IF;
        RETURN NULL;
      END $$`);
    for (const [event, ref] of [['INSERT', 'NEW TABLE AS new_rows'], ['UPDATE', 'NEW TABLE AS new_rows OLD TABLE AS old_rows'], ['DELETE', 'OLD TABLE AS old_rows']]) {
      await q.query(`CREATE TRIGGER trg_public_status_onboarding_${event.toLowerCase()} AFTER ${event} ON onboarding
        REFERENCING ${ref} FOR EACH STATEMENT EXECUTE FUNCTION public_status_onboarding_trg()`);
    }

    // Authorities: new ones, and name, level, ARS or state changes (deletes cascade).
    await q.query(`CREATE FUNCTION public_status_authority_trg() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE a uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.id) INTO a FROM new_rows n;
        ELSE
          SELECT array_agg(n.id) INTO a FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE (n.name, n.level, n.ars, n.state_id) IS DISTINCT FROM (o.name, o.level, o.ars, o.state_id);
        END IF;
        IF a IS NOT NULL THEN PERFORM public_status_refresh(NULL, a); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_public_status_authority_insert AFTER INSERT ON authority
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_status_authority_trg()`);
    await q.query(`CREATE TRIGGER trg_public_status_authority_update AFTER UPDATE ON authority
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_status_authority_trg()`);

    // Services: new ones, and name or OZG-ID changes (an OZG-ID removed takes the service's rows away; deletes cascade).
    await q.query(`CREATE FUNCTION public_status_service_trg() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE s uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.id) INTO s FROM new_rows n WHERE n.ozg_id IS NOT NULL;
        ELSE
          SELECT array_agg(n.id) INTO s FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE (n.name, n.ozg_id) IS DISTINCT FROM (o.name, o.ozg_id);
        END IF;
        IF s IS NOT NULL THEN
          DELETE FROM public_status p USING unnest(s) AS u(id) JOIN service sv ON sv.id = u.id
          WHERE p.service_id = sv.id AND sv.ozg_id IS NULL;
          PERFORM public_status_refresh(s, NULL);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_public_status_service_insert AFTER INSERT ON service
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_status_service_trg()`);
    await q.query(`CREATE TRIGGER trg_public_status_service_update AFTER UPDATE ON service
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_status_service_trg()`);

    // States: a renamed state or code changes its authorities' rows.
    await q.query(`CREATE FUNCTION public_status_state_trg() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE a uuid[];
      BEGIN
        SELECT array_agg(au.id) INTO a FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN authority au ON au.state_id = n.id
        WHERE (n.name, n.code) IS DISTINCT FROM (o.name, o.code);
        IF a IS NOT NULL THEN PERFORM public_status_refresh(NULL, a); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_public_status_state_update AFTER UPDATE ON state
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_status_state_trg()`);

    // Pipeline stages: which stage is last decides LIVE; only services that have onboardings can change.
    await q.query(`CREATE FUNCTION public_status_stage_trg() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE s uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT n.service_id) INTO s FROM new_rows n WHERE EXISTS (SELECT 1 FROM onboarding o WHERE o.service_id = n.service_id);
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(DISTINCT o.service_id) INTO s FROM old_rows o WHERE EXISTS (SELECT 1 FROM onboarding ob WHERE ob.service_id = o.service_id);
        ELSE
          SELECT array_agg(DISTINCT n.service_id) INTO s FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE (n.key, n.position, n.service_id) IS DISTINCT FROM (o.key, o.position, o.service_id)
            AND EXISTS (SELECT 1 FROM onboarding ob WHERE ob.service_id = n.service_id);
        END IF;
        IF s IS NOT NULL THEN PERFORM public_status_refresh(s, NULL); END IF;
        RETURN NULL;
      END $$`);
    for (const [event, ref] of [['INSERT', 'NEW TABLE AS new_rows'], ['UPDATE', 'NEW TABLE AS new_rows OLD TABLE AS old_rows'], ['DELETE', 'OLD TABLE AS old_rows']]) {
      await q.query(`CREATE TRIGGER trg_public_status_stage_${event.toLowerCase()} AFTER ${event} ON service_stage
        REFERENCING ${ref} FOR EACH STATEMENT EXECUTE FUNCTION public_status_stage_trg()`);
    }

    // Any transaction that changed public_status (cascaded deletes included) leaves one change row.
    await q.query(`CREATE FUNCTION public_status_changed_trg() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        -- Each branch reads only the transition table its event has (PL/pgSQL plans a statement when it first runs).
        IF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
        ELSE
          IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
        END IF;
        INSERT INTO public_status_change (txid) VALUES (txid_current()) ON CONFLICT (txid) DO NOTHING;
        RETURN NULL;
      END $$`);
    for (const [event, ref] of [['INSERT', 'NEW TABLE AS new_rows'], ['UPDATE', 'NEW TABLE AS new_rows'], ['DELETE', 'OLD TABLE AS old_rows']]) {
      await q.query(`CREATE TRIGGER trg_public_status_changed_${event.toLowerCase()} AFTER ${event} ON public_status
        REFERENCING ${ref} FOR EACH STATEMENT EXECUTE FUNCTION public_status_changed_trg()`);
    }

    await q.query(`SELECT public_status_refresh(NULL, NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER trg_public_status_onboarding_${event} ON onboarding`);
      await q.query(`DROP TRIGGER trg_public_status_stage_${event} ON service_stage`);
    }
    await q.query(`DROP TRIGGER trg_public_status_authority_insert ON authority`);
    await q.query(`DROP TRIGGER trg_public_status_authority_update ON authority`);
    await q.query(`DROP TRIGGER trg_public_status_service_insert ON service`);
    await q.query(`DROP TRIGGER trg_public_status_service_update ON service`);
    await q.query(`DROP TRIGGER trg_public_status_state_update ON state`);
    await q.query(`DROP TABLE public_rate_limit`);
    await q.query(`DROP TABLE public_status`);
    await q.query(`DROP TABLE public_status_change`);
    for (const fn of ['public_status_onboarding_trg()', 'public_status_authority_trg()', 'public_status_service_trg()', 'public_status_state_trg()', 'public_status_stage_trg()', 'public_status_changed_trg()', 'public_status_refresh(uuid[], uuid[], boolean)', 'public_search_key(text)']) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`ALTER TABLE onboarding DROP COLUMN publish_plan`);
  }
}
