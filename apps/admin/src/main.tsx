import { StrictMode, useEffect, useState, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { BootError, BootLoading } from './BootScreen';

/**
 * Start-up: the first chunk holds React and the boot screen only. It loads
 * the console (react-admin, MUI) and asks the API who is signed in (`me`,
 * with the session cookie) in parallel, and then renders the console: the
 * login page without a session, the lists with one. If the API does not
 * answer, it explains that and offers a retry. The data provider (and its
 * schema introspection) is built only once signed in (App.tsx).
 */

/** How long the console waits for the API's answer before it reports the API as unreachable. */
const SESSION_CHECK_TIMEOUT_MS = 15_000;

type BootState = { status: 'loading' } | { status: 'error'; details: string } | { status: 'ready'; App: ComponentType };

async function boot(): Promise<ComponentType> {
  const [appModule] = await Promise.all([
    import('./App'),
    import('./authProvider').then(({ authProvider }) => authProvider.checkSession({ timeoutMs: SESSION_CHECK_TIMEOUT_MS })),
  ]);
  return appModule.default;
}

const Root = () => {
  const [state, setState] = useState<BootState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    boot().then(
      (App) => {
        if (current) setState({ status: 'ready', App });
      },
      (error: unknown) => {
        console.error('EfA Rollout: the console could not start.', error);
        if (current) setState({ status: 'error', details: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  switch (state.status) {
    case 'loading':
      return <BootLoading />;
    case 'error':
      return <BootError details={state.details} onRetry={() => setAttempt((n) => n + 1)} />;
    case 'ready':
      return <state.App />;
  }
};

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element');

createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
