import CircularProgress from '@mui/material/CircularProgress';
import { lazy, Suspense } from 'react';

const Markdown = lazy(() => import('./Markdown'));

/** The Markdown renderer as a lazy chunk: only pages that show guide text load react-markdown. */
export const LazyMarkdown = ({ text }: { text: string }) => (
  <Suspense fallback={<CircularProgress size={16} />}>
    <Markdown text={text} />
  </Suspense>
);
