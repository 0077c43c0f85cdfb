import { useEffect, type ReactNode } from 'react';
import { Layout as RaLayout, useLocaleState } from 'react-admin';

/** Keeps <html lang> in step with the language chosen in the app bar (screen readers, hyphenation). */
const DocumentLanguage = () => {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return null;
};

/**
 * react-admin's layout (app bar with language menu, sidebar menu of the
 * resources). The dashboard and the stage board join as pages of their own.
 * Unlike react-admin's default, the page does not grow wider than the
 * window for a wide table: the table scrolls inside its card instead.
 */
export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout sx={{ minWidth: 0, '& .RaLayout-content, & .RaList-main': { minWidth: 0 } }}>
    <DocumentLanguage />
    {children}
  </RaLayout>
);
