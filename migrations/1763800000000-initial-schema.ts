import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Foundation: states, authorities, services, specialist systems, reuse contracts, audit events. */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    const base = `
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1`;

    await q.query(`CREATE TABLE state (${base},
      code char(2) NOT NULL CONSTRAINT uq_state_code UNIQUE,
      name text NOT NULL,
      ars_prefix char(2) NOT NULL CONSTRAINT uq_state_ars_prefix UNIQUE CHECK (ars_prefix ~ '^(0[1-9]|1[0-6])$'),
      koenigstein_share numeric(8,5) CHECK (koenigstein_share BETWEEN 0 AND 100)
    )`);

    await q.query(`CREATE TABLE specialist_system (${base},
      vendor text NOT NULL,
      product text NOT NULL,
      standard text NOT NULL,
      supported_versions text[] NOT NULL DEFAULT '{}',
      ozg_interface boolean NOT NULL DEFAULT false,
      CONSTRAINT uq_specialist_system_vendor_product UNIQUE (vendor, product)
    )`);

    await q.query(`CREATE TABLE authority (${base},
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('FOREIGNERS_AUTHORITY','MUNICIPALITY','DISTRICT_ADMINISTRATION','STATE_AUTHORITY','OTHER')),
      level text NOT NULL CHECK (level IN ('DISTRICT','DISTRICT_FREE_CITY','MUNICIPALITY','STATE')),
      state_id uuid NOT NULL CONSTRAINT fk_authority_state REFERENCES state(id) ON DELETE RESTRICT,
      ars char(12) NOT NULL CONSTRAINT uq_authority_ars UNIQUE CHECK (ars ~ '^[0-9]{12}$'),
      population integer CHECK (population >= 0),
      specialist_system_id uuid CONSTRAINT fk_authority_specialist_system REFERENCES specialist_system(id) ON DELETE RESTRICT,
      website text,
      email text,
      notes text
    )`);
    await q.query(`CREATE INDEX ix_authority_state ON authority (state_id)`);
    await q.query(`CREATE INDEX ix_authority_specialist_system ON authority (specialist_system_id)`);
    await q.query(`CREATE INDEX ix_authority_name_trgm ON authority USING gin (name gin_trgm_ops)`);

    await q.query(`CREATE TABLE service (${base},
      name text NOT NULL,
      ozg_id text CONSTRAINT uq_service_ozg_id UNIQUE,
      leika_keys text[] NOT NULL DEFAULT '{}',
      topic_field text NOT NULL,
      lead_state_id uuid CONSTRAINT fk_service_lead_state REFERENCES state(id) ON DELETE RESTRICT,
      provider text,
      ozg_type smallint CHECK (ozg_type BETWEEN 1 AND 5),
      maturity_level smallint CHECK (maturity_level BETWEEN 0 AND 4),
      standard text,
      required_standard_version text,
      website text,
      description text
    )`);

    await q.query(`CREATE TABLE reuse_contract (${base},
      state_id uuid NOT NULL CONSTRAINT fk_reuse_contract_state REFERENCES state(id) ON DELETE RESTRICT,
      service_id uuid NOT NULL CONSTRAINT fk_reuse_contract_service REFERENCES service(id) ON DELETE RESTRICT,
      status text NOT NULL CHECK (status IN ('NONE','INTEREST_DECLARED','NEGOTIATING','SIGNED','TERMINATED')),
      legal_route text CHECK (legal_route IN ('FIT_STORE','GOVDIGITAL_MARKETPLACE','MUNICIPAL_AGENT_MODEL','ADMINISTRATIVE_AGREEMENT')),
      municipal_access text CHECK (municipal_access IN ('FREE_PASS_THROUGH','PAID_IN_HOUSE','MUNICIPAL_AGENT_MODEL','MARKETPLACE')),
      interest_declared_at date,
      negotiation_started_at date,
      signed_at date,
      terminated_at date,
      notes text,
      CONSTRAINT uq_reuse_contract_state_service UNIQUE (state_id, service_id),
      CONSTRAINT ck_reuse_contract_signed_after_interest CHECK (signed_at IS NULL OR interest_declared_at IS NULL OR signed_at >= interest_declared_at)
    )`);
    await q.query(`CREATE INDEX ix_reuse_contract_service ON reuse_contract (service_id)`);

    await q.query(`CREATE TABLE audit_event (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      action text NOT NULL,
      changes jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX ix_audit_event_entity ON audit_event (entity_type, entity_id, occurred_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_event', 'reuse_contract', 'service', 'authority', 'specialist_system', 'state']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
