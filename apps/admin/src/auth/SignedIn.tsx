import { useEffect, useRef, type ReactNode } from 'react';
import { Loading, useAuthState, useLogout, useNotify } from 'react-admin';

/**
 * Renders the console (layout and pages) only for a signed-in user: while
 * the session is being checked it shows react-admin's loading page; without
 * a session (none yet, or one found to have ended) it logs out once, which
 * clears react-admin's store and query cache and goes to the login page,
 * which returns to the page asked for after sign-in. No page, and so no
 * data request, renders before.
 *
 * It takes the place of <Admin requireAuth>, whose LogoutOnMount is mounted
 * afresh after every logout (the logout clears the query cache, the check
 * runs again, fails again, and mounts it again): when checkAuth answers at
 * once from the cached identity, as here, that loops for seconds and keeps
 * interrupting the router's navigation to /login. This component stays
 * mounted (the layout route does not change) and logs out only once.
 */
export const SignedIn = ({ children }: { children: ReactNode }) => {
  const { authenticated, isPending, error } = useAuthState(undefined, false);
  const logout = useLogout();
  const notify = useNotify();
  const loggingOut = useRef(false);
  const signedOut = !isPending && !authenticated;

  useEffect(() => {
    if (!signedOut || loggingOut.current) return;
    loggingOut.current = true;
    // checkAuth's message: none on a first visit, "session ended" when a known session was found to have ended
    const message: unknown = (error as { message?: unknown } | null)?.message;
    if (typeof message === 'string' && message) notify(message, { type: 'error' });
    void logout();
  }, [signedOut, error, logout, notify]);

  if (isPending || !authenticated) return <Loading />;
  return <>{children}</>;
};
