export interface AccessModule {
  OPERATION_ACCESS: Readonly<Record<string, string>>;
  RULE_ROLES: Readonly<Record<string, readonly string[]>>;
  ROLES: readonly string[];
  INTERNAL_FIELDS: Readonly<Record<string, readonly string[]>>;
  INTERNAL_TYPES: readonly string[];
}
export function begin(part: string): string;
export function end(part: string): string;
export function renderAccessTable(access: Pick<AccessModule, 'OPERATION_ACCESS' | 'RULE_ROLES' | 'ROLES'>): string;
export function renderInternalData(access: Pick<AccessModule, 'INTERNAL_FIELDS' | 'INTERNAL_TYPES'>): string;
export function renderGenerated(access: AccessModule): string[];
export function replaceGenerated(doc: string, parts: string[]): string;
