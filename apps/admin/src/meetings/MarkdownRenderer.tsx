import ReactMarkdown from 'react-markdown';

/** react-markdown without raw HTML; links open in a new tab without access to this page. */
const MarkdownRenderer = ({ text }: { text: string }) => (
  <ReactMarkdown
    skipHtml
    components={{
      a: ({ href, children }) => (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      ),
    }}
  >
    {text}
  </ReactMarkdown>
);

export default MarkdownRenderer;
