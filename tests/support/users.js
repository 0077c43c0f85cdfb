// Test accounts, one per role (and a second coordinator of another state), created in every test database.
import argon2 from 'argon2';

export const TEST_PASSWORD = 'Test-Passwort-2026';

export const TEST_USERS = {
  ADMIN: { email: 'admin@test.invalid', role: 'ADMIN', state: null },
  ROLLOUT_MANAGER: { email: 'manager@test.invalid', role: 'ROLLOUT_MANAGER', state: null },
  STATE_COORDINATOR: { email: 'coordinator.bb@test.invalid', role: 'STATE_COORDINATOR', state: 'BB' },
  STATE_COORDINATOR_ST: { email: 'coordinator.st@test.invalid', role: 'STATE_COORDINATOR', state: 'ST' },
  STEERING_MEMBER: { email: 'steering@test.invalid', role: 'STEERING_MEMBER', state: null },
};

let hash;

/** Inserts the test accounts through `query(sql, params)` (a pg client or a TypeORM DataSource). */
export async function insertTestUsers(query) {
  hash ??= await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id });
  for (const u of Object.values(TEST_USERS)) {
    await query(
      `INSERT INTO app_user (email, display_name, role, state_id, password_hash)
       VALUES ($1, $2, $3, (SELECT id FROM state WHERE code = $4), $5) ON CONFLICT DO NOTHING`,
      [u.email, `Test ${u.role}${u.state ? ` ${u.state}` : ''}`, u.role, u.state, hash],
    );
  }
}
