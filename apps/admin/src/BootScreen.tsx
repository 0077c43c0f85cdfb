import type { CSSProperties } from 'react';
import { bootMessagesDe, bootMessagesEn, type BootMessages } from './i18n/boot';
import { storedLocale } from './i18n/locales';

/**
 * What the page shows before react-admin runs: while the console connects
 * to the API, and when it cannot. Deliberately plain (no MUI, no
 * react-admin), so it paints from the first, small chunk.
 */

const bootMessages = (): BootMessages => (storedLocale() === 'en' ? bootMessagesEn : bootMessagesDe);

const styles = {
  page: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    margin: 0,
    padding: '2rem',
    boxSizing: 'border-box',
    fontFamily: 'Roboto, "Helvetica Neue", Arial, sans-serif',
    color: '#1f2937',
    background: '#fafafa',
  },
  card: { maxWidth: '36rem', width: '100%' },
  brand: { margin: '0 0 1rem', fontSize: '0.875rem', fontWeight: 700, letterSpacing: '0.08em', color: '#1976d2' },
  title: { margin: '0 0 0.75rem', fontSize: '1.5rem', fontWeight: 500 },
  text: { margin: '0 0 1rem', lineHeight: 1.5 },
  details: { margin: '0 0 1.5rem', fontSize: '0.875rem', color: '#4b5563' },
  code: {
    display: 'block',
    marginTop: '0.5rem',
    padding: '0.5rem 0.75rem',
    background: '#f3f4f6',
    borderRadius: 4,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
  },
  button: {
    padding: '0.5rem 1.25rem',
    border: 'none',
    borderRadius: 4,
    background: '#1976d2',
    color: '#fff',
    fontSize: '0.875rem',
    fontWeight: 500,
    letterSpacing: '0.02em',
    cursor: 'pointer',
  },
  spinner: {
    width: 32,
    height: 32,
    margin: '0 auto 1rem',
    border: '3px solid #bbdefb',
    borderTopColor: '#1976d2',
    borderRadius: '50%',
    animation: 'efa-boot-spin 0.8s linear infinite',
  },
} satisfies Record<string, CSSProperties>;

const spinKeyframes = '@keyframes efa-boot-spin { to { transform: rotate(360deg); } }';

export const BootLoading = () => {
  const messages = bootMessages();
  return (
    <div style={styles.page}>
      <div style={{ ...styles.card, textAlign: 'center' }} role="status" aria-live="polite">
        <style>{spinKeyframes}</style>
        <div style={styles.spinner} aria-hidden="true" />
        <p style={styles.text}>{messages.loading}</p>
      </div>
    </div>
  );
};

export interface BootErrorProps {
  /** Technical description of the failure, shown under the explanation. */
  details: string;
  onRetry: () => void;
}

export const BootError = ({ details, onRetry }: BootErrorProps) => {
  const messages = bootMessages();
  return (
    <div style={styles.page}>
      <div style={styles.card} role="alert">
        <p style={styles.brand}>EfA Rollout</p>
        <h1 style={styles.title}>{messages.unreachable_title}</h1>
        <p style={styles.text}>{messages.unreachable_text}</p>
        <div style={styles.details}>
          {messages.details}:<code style={styles.code}>{details}</code>
        </div>
        <button type="button" style={styles.button} onClick={onRetry} autoFocus>
          {messages.retry}
        </button>
      </div>
    </div>
  );
};
