import { StrictMode, useEffect, useState, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import type { DataProvider } from 'react-admin';
import type { AppProps } from './App';
import { BootError, BootLoading } from './BootScreen';

/**
 * Start-up: the first chunk holds React and the boot screen only. It loads
 * the console (react-admin, MUI) and the data provider (Apollo) in
 * parallel, waits for the API's schema, and then renders the console, or
 * explains that the API is not reachable and offers a retry.
 */

type BootState =
  | { status: 'loading' }
  | { status: 'error'; details: string }
  | { status: 'ready'; App: ComponentType<AppProps>; dataProvider: DataProvider };

async function boot(): Promise<{ App: ComponentType<AppProps>; dataProvider: DataProvider }> {
  const [appModule, dataProvider] = await Promise.all([
    import('./App'),
    import('./dataProvider').then((module) => module.loadDataProvider()),
  ]);
  return { App: appModule.default, dataProvider };
}

const Root = () => {
  const [state, setState] = useState<BootState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    boot().then(
      ({ App, dataProvider }) => {
        if (current) setState({ status: 'ready', App, dataProvider });
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
      return <state.App dataProvider={state.dataProvider} />;
  }
};

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element');

createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
