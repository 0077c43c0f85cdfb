import { ROLES, type Principal, type Role } from '@efa/domain';
import type { AuthProvider, UserIdentity } from 'react-admin';
import { mayAccess } from './access';
import { ApiUnreachableError, errorCodesOf, isUnauthenticated, postGraphQL, type PostGraphQLOptions } from './graphql';

/**
 * The console's react-admin authProvider, over the API's account operations
 * (signIn, signOut, me) with plain fetch. The session itself is the API's
 * httpOnly cookie `efa_session` (SameSite=Strict): same-origin requests send
 * it, so the console never sees or stores a token.
 *
 * The signed-in user is cached here (from signIn or `me`) and revalidated
 * with `me` when the cache is older than `revalidateMs`; a session that
 * ends in between (expired, signed out elsewhere) shows up as an
 * UNAUTHENTICATED error of the next data request, which `checkError` turns
 * into a logout and the login page.
 */

export interface ConsoleIdentity extends UserIdentity {
  id: string;
  /** The user's display name. */
  fullName: string;
  email: string;
  role: Role;
  /** The state a coordinator is bound to. */
  stateId: string | null;
  /** A demo account of the embedded demo. */
  isDemo: boolean;
}

export interface ConsolePermissions {
  role: Role;
  stateId: string | null;
}

/** What a session change means for the rest of the console (the data provider is rebuilt). */
export type SessionListener = (identity: ConsoleIdentity | null) => void;

export interface ConsoleAuthProvider extends AuthProvider {
  getIdentity: () => Promise<ConsoleIdentity>;
  getPermissions: () => Promise<ConsolePermissions | null>;
  /**
   * The boot screen's check: the signed-in user, or null when there is no
   * valid session. Rejects (ApiUnreachableError, GraphQLRequestError) when
   * the API cannot tell.
   */
  checkSession: (options?: { timeoutMs?: number }) => Promise<ConsoleIdentity | null>;
  /** Calls the listener after every sign-in and sign-out (and when the session is found to have ended). */
  onSessionChange: (listener: SessionListener) => () => void;
}

export interface AuthProviderOptions {
  /** How long a confirmed identity is trusted before checkAuth asks the API again. */
  revalidateMs?: number;
  fetch?: PostGraphQLOptions['fetch'];
  now?: () => number;
  /** Called when the API reports another user than the cached one (signed in again in another tab). */
  onUserSwitched?: () => void;
}

/** Default for `revalidateMs`: a minute. */
export const REVALIDATE_MS = 60_000;

const USER_FIELDS = 'id email displayName role stateId isDemo';
const ME = `query Me { me { ${USER_FIELDS} } }`;
const SIGN_IN = `mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { expiresAt user { ${USER_FIELDS} } } }`;
const SIGN_OUT = 'mutation SignOut { signOut }';

interface UserData {
  id: string;
  email: string;
  displayName: string;
  role: string;
  stateId: string | null;
  isDemo?: boolean | null;
}

function toIdentity(user: UserData): ConsoleIdentity {
  if (!(ROLES as string[]).includes(user.role)) throw new Error(`The API reported an unknown role: ${user.role}`);
  return {
    id: user.id,
    fullName: user.displayName,
    email: user.email,
    role: user.role as Role,
    stateId: user.stateId ?? null,
    isDemo: user.isDemo ?? false,
  };
}

function principalOf(identity: ConsoleIdentity): Principal {
  return { userId: identity.id, role: identity.role, stateId: identity.stateId };
}

/** The message key the login form shows for a failed sign-in. */
export function signInErrorKey(error: unknown): string {
  if (error instanceof ApiUnreachableError) return 'app.auth.unreachable';
  const codes = errorCodesOf(error);
  if (codes.includes('RATE_LIMITED')) return 'app.auth.rate_limited';
  if (codes.includes('UNAUTHENTICATED')) {
    // The API tells a deactivated account apart only by its message.
    return error instanceof Error && /deactivated/i.test(error.message) ? 'app.auth.account_deactivated' : 'app.auth.wrong_credentials';
  }
  if (codes.includes('VALIDATION')) return 'app.auth.credentials_required';
  if (codes.includes('UNAVAILABLE')) return 'app.auth.unavailable';
  return 'ra.auth.sign_in_error';
}

/**
 * What checkAuth and checkError reject with, as react-admin reads it:
 * `message` is the notice's message key, or false for no notice.
 */
export interface AuthRejection {
  message: string | false;
}

const authRejection = (message: string | false): AuthRejection => ({ message });

export function createAuthProvider(options: AuthProviderOptions = {}): ConsoleAuthProvider {
  const revalidateMs = options.revalidateMs ?? REVALIDATE_MS;
  const now = options.now ?? (() => Date.now());
  const onUserSwitched = options.onUserSwitched ?? (() => window.location.reload());
  const request = <T>(query: string, variables?: Record<string, unknown>, timeoutMs?: number) =>
    postGraphQL<T>(query, variables, { fetch: options.fetch, timeoutMs });

  /** undefined: not known yet; null: no valid session. */
  let identity: ConsoleIdentity | null | undefined;
  let checkedAt = 0;
  /** Set by checkError until react-admin's logout follows (see checkError). */
  let sessionEnded = false;
  /** Counts sign-ins and sign-outs, so that a `me` answer from before one of them is not applied after it. */
  let generation = 0;
  let pendingMe: { generation: number; promise: Promise<ConsoleIdentity | null> } | undefined;
  const listeners = new Set<SessionListener>();

  const notify = (next: ConsoleIdentity | null) => {
    for (const listener of listeners) listener(next);
  };

  const setIdentity = (next: ConsoleIdentity | null) => {
    const before = identity;
    identity = next;
    checkedAt = now();
    if ((before?.id ?? null) !== (next?.id ?? null)) notify(next);
  };

  /** Asks the API who is signed in (one request at a time) and caches the answer. */
  const refresh = (timeoutMs?: number): Promise<ConsoleIdentity | null> => {
    if (pendingMe?.generation === generation) return pendingMe.promise;
    const started = generation;
    const promise = request<{ me: UserData }>(ME, {}, timeoutMs)
      .then(
        (data) => toIdentity(data.me),
        (error: unknown) => {
          if (isUnauthenticated(error)) return null;
          throw error;
        },
      )
      .then((next) => {
        if (started !== generation) return identity ?? null; // a sign-in or sign-out happened meanwhile: it wins
        const previous = identity;
        setIdentity(next);
        if (previous && next && previous.id !== next.id) onUserSwitched();
        return next;
      })
      .finally(() => {
        if (pendingMe?.promise === promise) pendingMe = undefined;
      });
    pendingMe = { generation: started, promise };
    return promise;
  };

  /** The signed-in user, from the cache while it is fresh, else from the API. */
  const current = async (): Promise<ConsoleIdentity | null> => {
    if (identity !== undefined && (identity === null || now() - checkedAt < revalidateMs)) return identity;
    return refresh();
  };

  const provider: ConsoleAuthProvider = {
    async login(params: { email?: string; username?: string; password?: string }) {
      const email = (params.email ?? params.username ?? '').trim();
      generation += 1;
      sessionEnded = false;
      let user: UserData;
      try {
        ({
          signIn: { user },
        } = await request<{ signIn: { user: UserData } }>(SIGN_IN, { email, password: params.password ?? '' }));
      } catch (error) {
        throw new Error(signInErrorKey(error), { cause: error });
      }
      identity = toIdentity(user);
      checkedAt = now();
      notify(identity);
    },

    async logout() {
      const mayHaveSession = identity !== null;
      generation += 1;
      sessionEnded = false;
      if (identity !== null) {
        identity = null;
        checkedAt = now();
        notify(null);
      }
      if (mayHaveSession) {
        // Ends the session on the server and clears the cookie; an ended session answers UNAUTHENTICATED, which is fine.
        await request(SIGN_OUT).catch(() => undefined);
      }
    },

    async checkAuth() {
      if (sessionEnded && identity) return;
      const previous = identity;
      let user: ConsoleIdentity | null;
      try {
        user = await current();
      } catch (error) {
        // The API is briefly unreachable: keep a session it confirmed before; requests will tell.
        if (previous) return;
        throw authRejection(error instanceof ApiUnreachableError ? 'app.auth.unreachable' : 'ra.auth.auth_check_error');
      }
      // No notice on the first visit; one when a session the console knew has ended.
      if (!user) throw authRejection(previous ? 'ra.notification.logged_out' : false);
    },

    async checkError(error: unknown) {
      if (!isUnauthenticated(error)) return; // FORBIDDEN and the rest: the page shows the API's message
      // react-admin shows its "logged out" notice only while checkAuth still
      // succeeds, and calls logout() right after this rejection.
      if (identity) sessionEnded = true;
      throw authRejection('ra.notification.logged_out');
    },

    async getIdentity() {
      const user = await current();
      if (!user) throw authRejection(false);
      return user;
    },

    async getPermissions() {
      const user = await current().catch(() => identity ?? null);
      return user ? { role: user.role, stateId: user.stateId } : null;
    },

    async canAccess({ action, resource }: { action: string; resource: string }) {
      const user = await current().catch(() => identity ?? null);
      return mayAccess(user ? principalOf(user) : null, action, resource);
    },

    async checkSession({ timeoutMs }: { timeoutMs?: number } = {}) {
      return refresh(timeoutMs);
    },

    onSessionChange(listener: SessionListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return provider;
}

/** The console's one authProvider (main.tsx checks the session with it before the console renders). */
export const authProvider = createAuthProvider();
