import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../lib/api';
import { useSession } from '../lib/session';
import { ErrorView, Loading, NotFound } from '../components/Status';
import { loadContributions, type Contribution } from './contributions';

interface MountContext {
  api: typeof api;
  user: unknown;
  repository: { owner: string; name: string } | null;
  subpath: string;
  navigate(url: string): void;
}

type Mount = (element: HTMLElement, context: MountContext) => void | (() => void);

/**
 * Shows a contributed page: finds the contribution for the slot and path, imports its ES module from the bundle
 * that registered it, and hands it an element of its own. The module never sees the rest of the app.
 */
export function PluginPage({ slot, path, subpath, repository }: {
  slot: Contribution['slot'];
  path: string;
  subpath: string;
  repository?: { owner: string; name: string };
}) {
  const { user } = useSession();
  const navigate = useNavigate();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'missing' | Error>('loading');
  const owner = repository?.owner;
  const name = repository?.name;

  useEffect(() => {
    let cleanup: void | (() => void);
    let live = true;
    setState('loading');
    (async () => {
      const contribution = (await loadContributions()).find((c) => c.slot === slot && c.path === path);
      if (!contribution) {
        if (live) setState('missing');
        return;
      }
      const module = await import(/* @vite-ignore */ contribution.module);
      const mount = module.mount as Mount | undefined;
      if (typeof mount !== 'function') throw new Error(`${contribution.module} exports no mount(element, context)`);
      if (!live || !host.current) return;
      host.current.replaceChildren();
      cleanup = mount(host.current, {
        api,
        user: user ?? null,
        repository: owner && name ? { owner, name } : null,
        subpath,
        navigate: (url) => navigate(url),
      });
      setState('ready');
    })().catch((error) => live && setState(error instanceof Error ? error : new Error(String(error))));
    return () => {
      live = false;
      if (typeof cleanup === 'function') cleanup();
    };
  }, [slot, path, subpath, owner, name, user, navigate]);

  if (state === 'missing') return <NotFound />;
  return (
    <>
      {state === 'loading' && <Loading />}
      {state instanceof Error && <ErrorView error={state} title="This page's plugin failed to load" />}
      <div ref={host} className="plugin-page" data-plugin-slot={slot} data-plugin-path={path} />
    </>
  );
}
