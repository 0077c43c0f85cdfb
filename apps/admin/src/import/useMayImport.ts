import { mayImport } from '@efa/domain';
import { usePermissions } from 'react-admin';
import type { ConsolePermissions } from '../authProvider';

/** May the signed-in user import (libs/domain's rule of POST /import/:target)? Null while the permissions load. */
export function useMayImport(): boolean | null {
  const { permissions, isPending } = usePermissions<ConsolePermissions | null>();
  if (isPending) return null;
  return mayImport(permissions ? { userId: '', role: permissions.role, stateId: permissions.stateId } : null) === 'ALLOWED';
}
