export const TEST_PASSWORD: string;
export type TestUserKey = 'ADMIN' | 'ROLLOUT_MANAGER' | 'STATE_COORDINATOR' | 'STATE_COORDINATOR_ST' | 'STEERING_MEMBER';
export const TEST_USERS: Record<TestUserKey, { email: string; role: string; state: string | null }>;
export function insertTestUsers(query: (sql: string, params: unknown[]) => Promise<unknown>): Promise<void>;
