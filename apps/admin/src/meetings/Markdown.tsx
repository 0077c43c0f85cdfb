import { Box, CircularProgress } from '@mui/material';
import { lazy, Suspense } from 'react';

const MarkdownRenderer = lazy(() => import('./MarkdownRenderer'));

/**
 * Markdown (agenda, minutes) rendered safely: react-markdown builds React elements from the
 * Markdown syntax tree, raw HTML in the text is dropped (`skipHtml`, no rehype-raw) and link and
 * image addresses other than http(s), mailto and relative ones are removed by its default
 * `urlTransform`, so a `<script>` or `<img onerror>` in minutes renders nothing executable.
 * The renderer is a lazy chunk of its own, loaded only by pages that show Markdown.
 */
export const Markdown = ({ text, testId }: { text: string | null | undefined; testId?: string }) => {
  if (!text?.trim()) return null;
  return (
    <Suspense fallback={<CircularProgress size={16} />}>
      <Box data-testid={testId} sx={{ '& > :first-of-type': { mt: 0 }, '& ol, & ul': { pl: 3 }, overflowWrap: 'anywhere' }}>
        <MarkdownRenderer text={text} />
      </Box>
    </Suspense>
  );
};
