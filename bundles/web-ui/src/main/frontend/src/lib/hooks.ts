import { useCallback, useEffect, useRef, useState } from 'react';
import { apiResponse, type ApiError, type ApiResponse } from './api';

const prefetched = new Map<string, { at: number; response: Promise<ApiResponse<unknown>> }>();

/**
 * Starts a GET that a page about to render will ask for (a layout knows before its page does): the page's
 * `useApi` of the same path, within ten seconds, takes this answer instead of asking again.
 */
export function prefetch(path: string): void {
  const response = apiResponse<unknown>(path);
  response.catch(() => undefined);
  prefetched.set(path, { at: Date.now(), response });
}

function takePrefetched<T>(path: string): Promise<ApiResponse<T>> | undefined {
  const entry = prefetched.get(path);
  prefetched.delete(path);
  return entry && Date.now() - entry.at < 10_000 ? (entry.response as Promise<ApiResponse<T>>) : undefined;
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  response: ApiResponse<T> | undefined;
  /** The path that `data` or `error` belongs to: right after the path changes, still the previous one. */
  loadedFor: string | undefined;
  /** Loads again (after a write, say). */
  reload(): void;
}

/**
 * GETs an API path and follows it: a new path aborts the old request, and unmounting aborts too. A null path
 * loads nothing (a dependent request whose input is not known yet).
 */
export function useApi<T>(path: string | null, accept?: string): Loaded<T> {
  const [state, setState] = useState<{ response?: ApiResponse<T>; error?: ApiError; loading: boolean; loadedFor?: string }>({ loading: path !== null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === null) {
      setState({ loading: false });
      return;
    }
    const controller = new AbortController();
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    ((accept === undefined && takePrefetched<T>(path)) || apiResponse<T>(path, { signal: controller.signal, accept }))
      .then((response) => live && setState({ response, loading: false, loadedFor: path }))
      .catch((error) => {
        if (live && error.name !== 'AbortError') setState({ error, loading: false, loadedFor: path });
      });
    return () => {
      live = false;
      controller.abort();
    };
  }, [path, accept, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.response?.data, error: state.error, loading: state.loading, response: state.response,
    loadedFor: state.loadedFor, reload };
}

/** Sets the document title while the page shows. */
export function useTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · Codara`;
  }, [title]);
}

/**
 * A single-key shortcut (`t`, `/`, `?`...), ignored while the user types in a field or holds a modifier, as on
 * GitHub.
 */
export function useHotkey(key: string, handler: (event: KeyboardEvent) => void, enabled = true) {
  const saved = useRef(handler);
  saved.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.key !== key || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      saved.current(event);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [key, enabled]);
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
