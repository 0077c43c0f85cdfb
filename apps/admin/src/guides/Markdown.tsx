import Box from '@mui/material/Box';
import ReactMarkdown from 'react-markdown';

/**
 * Markdown of a guide section, rendered safely: react-markdown builds React elements (no
 * innerHTML); `skipHtml` drops raw HTML in the text altogether (no <script>, no onerror=…), and
 * its default URL transform drops `javascript:` and other unsafe link targets. Links open in a
 * new tab without the opener. Loaded as a chunk of its own (LazyMarkdown).
 */
const Markdown = ({ text }: { text: string }) => (
  <Box
    className="guide-markdown"
    sx={{ '& p': { my: 1 }, '& h1, & h2, & h3': { fontSize: '1.05rem', fontWeight: 600, mt: 1.5, mb: 0.5 }, '& ul, & ol': { pl: 3, my: 1 }, '& code': { fontFamily: 'monospace' } }}
  >
    <ReactMarkdown skipHtml components={{ a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" /> }}>
      {text}
    </ReactMarkdown>
  </Box>
);

export default Markdown;
