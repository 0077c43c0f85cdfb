export const DEFAULT_TEST_URL: string;
export function adminUrl(): string;
export function withDatabase(url: string, database: string): string;
export function adminQuery(sql: string, params?: unknown[]): Promise<any[]>;
export function isReachable(): Promise<boolean>;
export function createDatabase(name: string, template?: string): Promise<string>;
export function dropDatabase(name: string): Promise<void>;
