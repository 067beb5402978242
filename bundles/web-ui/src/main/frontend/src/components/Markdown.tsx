import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { renderMarkdown, type MarkdownContext } from '../lib/markdown';
import { InlineError } from './Status';

/**
 * Markdown from a repository or a user, rendered safely (marked + DOMPurify, loaded on first use): relative links
 * and images point into the repository at `context.ref`, links inside the app navigate without a reload, and fenced
 * code blocks are highlighted when their language is known.
 */
export function Markdown({ source, context, className = '', label }: {
  source: string;
  context: MarkdownContext;
  className?: string;
  /** An accessible name for the rendered region. */
  label?: string;
}) {
  const [html, setHtml] = useState<string>();
  const [error, setError] = useState<unknown>();
  const ref = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const { base, home, ref: at, dir } = context;

  useEffect(() => {
    let live = true;
    setError(undefined);
    renderMarkdown(source, { base, home, ref: at, dir })
      .then((out) => live && setHtml(out))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [source, base, home, at, dir]);

  // Fenced code blocks, highlighted after the text shows.
  useEffect(() => {
    const root = ref.current;
    if (!root || html === undefined) return;
    const blocks = [...root.querySelectorAll<HTMLElement>('pre > code[class^="language-"]')];
    if (blocks.length === 0) return;
    let live = true;
    import('../lib/highlight').then(({ highlightBlock }) => {
      if (!live) return;
      for (const block of blocks) {
        const language = block.className.slice('language-'.length);
        const highlighted = highlightBlock(block.textContent ?? '', language);
        // highlight.js escapes the text it is given; its output holds only its own spans.
        if (highlighted !== null) block.innerHTML = highlighted;
        block.classList.add('hljs');
      }
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [html]);

  if (error) return <InlineError error={error} />;
  if (html === undefined) return <div className={`markdown-body markdown-loading ${className}`} aria-busy="true" />;

  const onClick = (event: React.MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest('a');
    const href = anchor?.getAttribute('href');
    if (!anchor || !href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return;
    event.preventDefault();
    navigate(href);
  };

  return (
    <div
      ref={ref}
      className={`markdown-body ${className}`}
      role={label ? 'region' : undefined}
      aria-label={label}
      onClick={onClick}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
