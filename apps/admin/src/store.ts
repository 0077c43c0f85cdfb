import { localStorageStore, type Store } from 'react-admin';

/** Store keys that outlive a sign-out: the chosen language belongs to the browser, not to the session. */
export const KEPT_ON_SIGN_OUT: readonly string[] = ['locale'];

/**
 * react-admin's localStorage store ("RaStore.*"), except that its reset,
 * which react-admin runs on logout, keeps the chosen language, so the login
 * page after a sign-out speaks the language the user chose.
 */
export function createStore(base: Store = localStorageStore()): Store {
  return {
    ...base,
    reset() {
      if (!base.listItems) {
        const kept = KEPT_ON_SIGN_OUT.map((key) => [key, base.getItem(key)] as const);
        base.reset();
        for (const [key, value] of kept) if (value !== undefined) base.setItem(key, value);
        return;
      }
      for (const key of Object.keys(base.listItems())) {
        if (!KEPT_ON_SIGN_OUT.includes(key)) base.removeItem(key);
      }
    },
  };
}
