import { issueText, type FieldIssue } from '@efa/domain';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { UUID_PATTERN } from './crud.service.js';

/** Loads the record a foreign-key field points to, or reports the field when it points nowhere. */
export async function loadReference<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: string | null | undefined,
  field: string,
  label: string,
  issues: FieldIssue[],
  required = true,
): Promise<T | null> {
  if (id === null || id === undefined || id === '') {
    if (required) issues.push({ field, ...issueText('REQUIRED') });
    return null;
  }
  const row = UUID_PATTERN.test(id) ? await em.findOneBy(entity, { id } as never) : null;
  if (!row) issues.push({ field, ...issueText('REFERENCE_NOT_FOUND', { label, id }) });
  return row;
}
