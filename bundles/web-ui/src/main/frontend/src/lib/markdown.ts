// Markdown from repositories and users, rendered with marked and made safe with DOMPurify (both loaded only when
// first needed). Relative links and images are made to point into the repository at the same ref; scripts, event
// handlers, frames, forms and style attributes never survive; external links get rel="noopener noreferrer nofollow".

import { API, encodePath } from './api';

/** Where the Markdown lives, so that its relative links and images can be resolved. */
export interface MarkdownContext {
  /** API path of the repository, e.g. /repos/alice/tools. */
  base: string;
  /** UI path of the repository, e.g. /alice/tools. */
  home: string;
  /** Branch, tag or sha the Markdown was read at. */
  ref: string;
  /** The directory of the Markdown file, '' for the root ('docs' for docs/README.md). */
  dir: string;
}

const scheme = /^[a-z][a-z0-9+.-]*:/i;

/** A URL with a scheme or a protocol-relative one: not the repository's to resolve. */
export function isAbsoluteUrl(url: string): boolean {
  return scheme.test(url) || url.startsWith('//');
}

/**
 * A relative reference from a file in `dir` to a repository path: `../a/./b.md` from `docs/x` is `docs/a/b.md`;
 * a leading slash is the repository root. Never climbs above the root.
 */
export function resolveRepoPath(dir: string, reference: string): string {
  const parts = reference.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const segment of reference.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

function splitSuffix(url: string): { path: string; suffix: string } {
  const cut = url.search(/[?#]/);
  return cut < 0 ? { path: url, suffix: '' } : { path: url.slice(0, cut), suffix: url.slice(cut) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where a link in the Markdown goes: relative ones to the UI's blob (or tree, for a trailing slash) pages. */
export function rewriteLink(href: string, context: MarkdownContext): string {
  const url = href.trim();
  if (url === '' || url.startsWith('#') || isAbsoluteUrl(url)) return url;
  const { path, suffix } = splitSuffix(url);
  const hash = suffix.includes('#') ? suffix.slice(suffix.indexOf('#')) : '';
  const target = resolveRepoPath(context.dir, decode(path));
  const ref = encodePath(context.ref);
  if (target === '') return `${context.home}/tree/${ref}${hash}`;
  const kind = path.endsWith('/') ? 'tree' : 'blob';
  return `${context.home}/${kind}/${ref}/${encodePath(target)}${hash}`;
}

/** Where an image in the Markdown loads from: relative ones from the repository's raw files at the same ref. */
export function rewriteImage(src: string, context: MarkdownContext): string {
  const url = src.trim();
  if (url === '' || isAbsoluteUrl(url) || url.startsWith('#')) return url;
  const { path } = splitSuffix(url);
  const target = resolveRepoPath(context.dir, decode(path));
  return `${API}${context.base}/raw/${encodePath(context.ref)}/${encodePath(target)}`;
}

const external = /^(https?:|mailto:)/i;

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

type Purify = typeof import('dompurify').default;
type Marked = typeof import('marked');

let libraries: Promise<{ marked: Marked; purify: Purify }> | undefined;
let current: MarkdownContext | undefined;

function load() {
  libraries ??= Promise.all([import('marked'), import('dompurify')]).then(([marked, dompurify]) => {
    const purify = dompurify.default;
    purify.addHook('uponSanitizeElement', (node, data) => {
      // Task list boxes are the only inputs that stay, and they cannot be ticked.
      if (data.tagName === 'input' && (node as Element).getAttribute('type') !== 'checkbox') {
        node.parentNode?.removeChild(node);
      }
    });
    purify.addHook('uponSanitizeAttribute', (node, data) => {
      // The only class kept is a fenced code block's language, for highlighting; no styling of the page's own.
      if (data.attrName === 'class') {
        const keep = (node as Element).tagName === 'CODE' && /^language-[\w+#-]+$/.test(data.attrValue);
        if (!keep) data.keepAttr = false;
      }
    });
    purify.addHook('afterSanitizeAttributes', (node) => {
      const element = node as Element;
      if (!current || !element.tagName) return;
      const tag = element.tagName.toLowerCase();
      if (tag === 'a' && element.hasAttribute('href')) {
        const href = element.getAttribute('href') ?? '';
        if (external.test(href.trim()) || href.trim().startsWith('//')) {
          element.setAttribute('rel', 'noopener noreferrer nofollow');
        } else if (href.trim().startsWith('#') && href.length > 1 && !href.startsWith('#user-content-')) {
          element.setAttribute('href', `#user-content-${href.trim().slice(1)}`);
        } else {
          element.setAttribute('href', rewriteLink(href, current));
        }
      }
      if (tag === 'a') element.removeAttribute('target');
      if (tag === 'img' && element.hasAttribute('src')) {
        element.setAttribute('src', rewriteImage(element.getAttribute('src') ?? '', current));
        element.setAttribute('loading', 'lazy');
      }
      if (tag === 'input') {
        element.setAttribute('disabled', '');
      }
      if (/^h[1-6]$/.test(tag)) {
        const id = slug(element.textContent ?? '');
        if (id) element.setAttribute('id', `user-content-${id}`);
      }
      // Ids and names from the document could clobber the page's own; GitHub prefixes them the same way.
      for (const attribute of ['id', 'name']) {
        const value = element.getAttribute(attribute);
        if (value && !value.startsWith('user-content-')) element.setAttribute(attribute, `user-content-${value}`);
      }
    });
    return { marked, purify };
  });
  return libraries;
}

const purifyConfig = {
  FORBID_TAGS: ['style', 'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'button', 'textarea',
    'select', 'option', 'link', 'meta', 'base', 'svg', 'math', 'template', 'dialog'],
  FORBID_ATTR: ['style', 'formaction', 'action', 'srcset', 'ping', 'target'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

/** Starts loading the Markdown libraries, so that they arrive while the document itself is fetched. */
export function preloadMarkdown(): void {
  void load().catch(() => undefined);
}

/** Markdown to safe HTML for `innerHTML`, with links and images pointing into the repository. */
export async function renderMarkdown(source: string, context: MarkdownContext): Promise<string> {
  const { marked, purify } = await load();
  const html = await marked.parse(source, { gfm: true, breaks: false, async: false });
  current = context;
  try {
    return purify.sanitize(html, purifyConfig) as string;
  } finally {
    current = undefined;
  }
}

/** Whether a file name is Markdown (rendered rather than shown as code by default). */
export function isMarkdown(name: string): boolean {
  return /\.(md|markdown|mdown|mkd|mkdn)$/i.test(name);
}
