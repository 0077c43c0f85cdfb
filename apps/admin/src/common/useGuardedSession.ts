import { useMemo } from 'react';
import { useDataProvider, useLogoutIfAccessDenied } from 'react-admin';
import type { SessionDataProvider } from '../dataProvider';
import { refusalOf } from './apiErrors';

/** The session's GraphQL client for operations beyond the CRUD methods, and a guard that signs out on UNAUTHENTICATED as react-admin does. */
export interface GuardedSession {
  session: SessionDataProvider;
  /** Passes the promise's result on; an UNAUTHENTICATED answer signs out, every error is rethrown (read it with refusalOf). */
  guard<T>(promise: Promise<T>): Promise<T>;
}

export function useGuardedSession(): GuardedSession {
  const dataProvider = useDataProvider();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  return useMemo(() => {
    const guard = async <T,>(promise: Promise<T>): Promise<T> => {
      try {
        return await promise;
      } catch (error) {
        if (refusalOf(error).code === 'UNAUTHENTICATED') await logoutIfAccessDenied(error);
        throw error;
      }
    };
    return { session: dataProvider as unknown as SessionDataProvider, guard };
  }, [dataProvider, logoutIfAccessDenied]);
}
