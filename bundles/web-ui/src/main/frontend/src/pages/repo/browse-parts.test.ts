import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeContent, looksBinary, rawHead, sortEntries } from './browse-parts';
import type { ContentEntry } from '../../lib/types';

afterEach(() => vi.unstubAllGlobals());

describe('rawHead', () => {
  it('reads only the beginning of a large file, cut at a line end, and cancels the rest', async () => {
    const line = 'x'.repeat(99) + '\n';
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(line.repeat(100))); // 10 KB a chunk, forever
      },
    });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(stream)));
    const head = await rawHead('/api/v3/repos/a/b/raw/main/big.txt', 25_050);
    expect(head.complete).toBe(false);
    expect(head.text.length).toBe(25_000);
    expect(head.text.endsWith('\n')).toBe(true);
    expect(pulled).toBeLessThan(6);
  });

  it('answers a small file whole', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('a\nb')));
    expect(await rawHead('/x', 1000)).toEqual({ text: 'a\nb', complete: true });
  });
});

describe('contents helpers', () => {
  it('decodes base64 text and recognises binary content', () => {
    expect(decodeContent(btoa('héllo'.replace('é', 'e'))).text).toBe('hello');
    expect(decodeContent('AAEC').text).toBeNull();
    expect(looksBinary(new Uint8Array([65, 0, 66]))).toBe(true);
  });

  it('sorts directories first, then by name regardless of case', () => {
    const entry = (name: string, type: ContentEntry['type']) => ({ name, type, path: name, sha: '', size: 0 });
    const sorted = sortEntries([entry('b.txt', 'file'), entry('Zdir', 'dir'), entry('A.md', 'file'), entry('adir', 'dir')]);
    expect(sorted.map((e) => e.name)).toEqual(['adir', 'Zdir', 'A.md', 'b.txt']);
  });
});
