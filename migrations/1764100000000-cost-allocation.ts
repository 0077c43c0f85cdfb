import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cost allocation: cost keys as data (Königsteiner factors per state, or
 * weighted components with per-state values), and a service's operation and
 * maintenance costs per contract year in whole cents.
 *
 * A key's per-state values are JSON objects `{ "BB": 3.03655, ... }`; the
 * checks below keep them to state codes with non-negative numbers, weights
 * non-negative and summing to more than 0, the year in range, and one key
 * per name and year. libs/domain validates the same before any write and
 * names the field (16 states present, at least one value positive).
 */
export class CostAllocation1764100000000 implements MigrationInterface {
  name = 'CostAllocation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const base = `
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1`;

    await q.query(`CREATE FUNCTION cost_state_values_ok(v jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT jsonb_typeof(v) = 'object' AND NOT EXISTS (
        SELECT 1 FROM jsonb_each(v) e
        WHERE e.key !~ '^[A-Z]{2}$'
           OR CASE WHEN jsonb_typeof(e.value) = 'number' THEN (e.value::text)::numeric < 0 ELSE true END)
    $$`);
    await q.query(`CREATE FUNCTION cost_components_ok(c jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT jsonb_typeof(c) = 'array' AND NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(c) x
        WHERE coalesce(jsonb_typeof(x -> 'name'), '') <> 'string'
           OR CASE WHEN jsonb_typeof(x -> 'weight') = 'number' THEN (x ->> 'weight')::numeric < 0 ELSE true END
           OR NOT coalesce(cost_state_values_ok(x -> 'values'), false))
    $$`);
    await q.query(`CREATE FUNCTION cost_components_weight(c jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
      SELECT coalesce(sum((x ->> 'weight')::numeric), 0) FROM jsonb_array_elements(c) x
    $$`);

    await q.query(`CREATE TABLE cost_key (${base},
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      kind text NOT NULL CHECK (kind IN ('KOENIGSTEINER','COMBINED')),
      year smallint NOT NULL CONSTRAINT ck_cost_key_year CHECK (year BETWEEN 2000 AND 2100),
      factors jsonb NOT NULL DEFAULT '{}' CONSTRAINT ck_cost_key_factors CHECK (cost_state_values_ok(factors)),
      components jsonb NOT NULL DEFAULT '[]' CONSTRAINT ck_cost_key_components CHECK (cost_components_ok(components)),
      note text,
      CONSTRAINT ck_cost_key_kind_data CHECK (
        (kind = 'KOENIGSTEINER' AND factors <> '{}' AND components = '[]')
        OR (kind = 'COMBINED' AND factors = '{}' AND cost_components_weight(components) > 0)),
      CONSTRAINT uq_cost_key_name_year UNIQUE (name, year)
    )`);

    await q.query(`CREATE TABLE service_cost (${base},
      service_id uuid NOT NULL CONSTRAINT fk_service_cost_service REFERENCES service(id) ON DELETE RESTRICT,
      year smallint NOT NULL CONSTRAINT ck_service_cost_year CHECK (year BETWEEN 2000 AND 2100),
      operation_cents bigint NOT NULL CONSTRAINT ck_service_cost_operation CHECK (operation_cents >= 0),
      maintenance_cents bigint NOT NULL CONSTRAINT ck_service_cost_maintenance CHECK (maintenance_cents >= 0),
      total_cents bigint GENERATED ALWAYS AS (operation_cents + maintenance_cents) STORED,
      note text,
      CONSTRAINT uq_service_cost_service_year UNIQUE (service_id, year)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS service_cost`);
    await q.query(`DROP TABLE IF EXISTS cost_key`);
    await q.query(`DROP FUNCTION IF EXISTS cost_components_weight(jsonb)`);
    await q.query(`DROP FUNCTION IF EXISTS cost_components_ok(jsonb)`);
    await q.query(`DROP FUNCTION IF EXISTS cost_state_values_ok(jsonb)`);
  }
}
