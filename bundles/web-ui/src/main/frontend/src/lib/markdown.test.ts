import { describe, expect, it } from 'vitest';
import { isMarkdown, renderMarkdown, resolveRepoPath, rewriteImage, rewriteLink, slug } from './markdown';

const context = { base: '/repos/alice/tools', home: '/alice/tools', ref: 'main', dir: '' };

function parse(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('resolveRepoPath', () => {
  it('resolves against the directory and clamps at the root', () => {
    expect(resolveRepoPath('', 'docs/guide.md')).toBe('docs/guide.md');
    expect(resolveRepoPath('docs', './a/../b.md')).toBe('docs/b.md');
    expect(resolveRepoPath('docs/x', '../../../../etc')).toBe('etc');
    expect(resolveRepoPath('docs', '/src/App.java')).toBe('src/App.java');
  });
});

describe('rewriteLink and rewriteImage', () => {
  it('points relative links at blob pages at the same ref, keeping the fragment', () => {
    expect(rewriteLink('docs/guide.md', context)).toBe('/alice/tools/blob/main/docs/guide.md');
    expect(rewriteLink('docs/guide.md#setup', context)).toBe('/alice/tools/blob/main/docs/guide.md#setup');
    expect(rewriteLink('docs/', context)).toBe('/alice/tools/tree/main/docs');
    expect(rewriteLink('./', context)).toBe('/alice/tools/tree/main');
    expect(rewriteLink('a%20b.md', { ...context, ref: 'feature/x', dir: 'docs' })).toBe('/alice/tools/blob/feature/x/docs/a%20b.md');
  });
  it('leaves absolute links and fragments alone', () => {
    expect(rewriteLink('https://example.com/x', context)).toBe('https://example.com/x');
    expect(rewriteLink('mailto:a@b.c', context)).toBe('mailto:a@b.c');
    expect(rewriteLink('#usage', context)).toBe('#usage');
  });
  it('loads relative images from the raw API', () => {
    expect(rewriteImage('docs/logo.png', context)).toBe('/api/v3/repos/alice/tools/raw/main/docs/logo.png');
    expect(rewriteImage('../logo.png?x=1', { ...context, dir: 'docs' })).toBe('/api/v3/repos/alice/tools/raw/main/logo.png');
    expect(rewriteImage('https://example.com/a.png', context)).toBe('https://example.com/a.png');
  });
});

describe('renderMarkdown', () => {
  it('renders headings with prefixed anchors and rewrites links and images', async () => {
    const html = await renderMarkdown('# Hello World!\n\nSee [the guide](docs/guide.md) and [usage](#usage).\n\n![logo](docs/logo.png)\n', context);
    const root = parse(html);
    expect(root.querySelector('h1')?.textContent).toBe('Hello World!');
    expect(root.querySelector('h1')?.id).toBe('user-content-hello-world');
    const links = root.querySelectorAll('a');
    expect(links[0].getAttribute('href')).toBe('/alice/tools/blob/main/docs/guide.md');
    expect(links[1].getAttribute('href')).toBe('#user-content-usage');
    expect(root.querySelector('img')?.getAttribute('src')).toBe('/api/v3/repos/alice/tools/raw/main/docs/logo.png');
  });

  it('drops scripts, handlers, frames, forms, styles and javascript: links', async () => {
    const source = [
      '<script>window.__pwned = 1</script>',
      '<img src="x" onerror="window.__pwned = 2">',
      '<iframe src="https://evil.example"></iframe>',
      '<form action="/x"><input type="text" name="q"><button>Go</button></form>',
      '<p style="position:fixed" onclick="alert(1)" class="app-header">styled</p>',
      '[click](javascript:alert(1))',
      '<a href="JaVaScRiPt:alert(1)">raw</a>',
      '<svg><script>alert(1)</script></svg>',
      '<div id="csrf">clobber</div>',
    ].join('\n\n');
    const root = parse(await renderMarkdown(source, context));
    expect(root.querySelector('script, iframe, form, button, svg, style')).toBeNull();
    expect(root.querySelector('input[type="text"]')).toBeNull();
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name.startsWith('on')).toBe(false);
        expect(attribute.name).not.toBe('style');
        expect(attribute.value.toLowerCase()).not.toContain('javascript:');
      }
    }
    expect(root.querySelector('p.app-header')).toBeNull();
    expect(root.querySelector('#csrf')).toBeNull();
    expect(root.querySelector('#user-content-csrf')?.textContent).toBe('clobber');
    expect(root.textContent).toContain('styled');
  });

  it('marks external links and keeps task lists read-only', async () => {
    const root = parse(await renderMarkdown('[site](https://example.com)\n\n- [x] done\n- [ ] open\n', context));
    expect(root.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    const boxes = root.querySelectorAll('input');
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box.hasAttribute('disabled')).toBe(true);
  });

  it('keeps a fenced block language class and no other class', async () => {
    const root = parse(await renderMarkdown('```java\nclass A {}\n```\n', context));
    expect(root.querySelector('code')?.className).toBe('language-java');
  });
});

describe('helpers', () => {
  it('slugs and recognises Markdown names', () => {
    expect(slug('Getting Started, fast!')).toBe('getting-started-fast');
    expect(isMarkdown('README.md')).toBe(true);
    expect(isMarkdown('guide.markdown')).toBe(true);
    expect(isMarkdown('App.java')).toBe(false);
  });
});
