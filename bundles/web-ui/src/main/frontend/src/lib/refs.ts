import { useEffect, useState } from 'react';
import { api } from './api';
import type { Branch, Tag } from './types';

/**
 * Splits what follows /tree/, /blob/, /blame/ or /commits/ into a ref and a path. Branch names may hold slashes
 * (`feature/x`), so the longest branch or tag name that prefixes the rest wins, as on GitHub; otherwise the first
 * segment is the ref (a commit sha, say).
 */
export function splitRefPath(rest: string, refNames: string[]): { ref: string; path: string } {
  const clean = rest.replace(/^\/+|\/+$/g, '');
  let best = '';
  for (const name of refNames) {
    if ((clean === name || clean.startsWith(name + '/')) && name.length > best.length) best = name;
  }
  if (!best) {
    const slash = clean.indexOf('/');
    best = slash < 0 ? clean : clean.slice(0, slash);
  }
  return { ref: best, path: clean.slice(best.length).replace(/^\/+/, '') };
}

const cache = new Map<string, Promise<{ branches: string[]; tags: string[] }>>();

/** The branch and tag names of a repository (first 100 of each, plus any needed to split the URL). */
export function refNames(base: string, fresh = false): Promise<{ branches: string[]; tags: string[] }> {
  let names = cache.get(base);
  if (!names || fresh) {
    names = Promise.all([
      api<Branch[]>(`${base}/branches?per_page=100`),
      api<Tag[]>(`${base}/tags?per_page=100`),
    ]).then(([branches, tags]) => ({ branches: branches.map((b) => b.name), tags: tags.map((t) => t.name) }));
    names.catch(() => cache.delete(base));
    cache.set(base, names);
  }
  return names;
}

/** The ref and path a URL names, once the repository's ref names are known; undefined until then. */
export function useRefAndPath(base: string, rest: string): { ref: string; path: string } | undefined {
  const [split, setSplit] = useState<{ ref: string; path: string }>();
  useEffect(() => {
    let live = true;
    setSplit(undefined);
    refNames(base)
      .then(({ branches, tags }) => live && setSplit(splitRefPath(rest, [...branches, ...tags])))
      .catch(() => live && setSplit(splitRefPath(rest, [])));
    return () => {
      live = false;
    };
  }, [base, rest]);
  return split;
}
