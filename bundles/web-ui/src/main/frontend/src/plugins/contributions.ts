import { useEffect, useState } from 'react';
import { api } from '../lib/api';

/** A page another bundle adds to the UI (GET /api/v3/ui/contributions); see io.codara.api.ui.spi.UiContribution. */
export interface Contribution {
  id: string;
  slot: 'navigation' | 'repository_tab' | 'repository_settings' | 'user_settings';
  title: string;
  path: string;
  module: string;
  order: number;
  requires_sign_in: boolean;
}

let cache: Promise<Contribution[]> | null = null;
let cachedFor: boolean | undefined;

/**
 * The registered contributions; fetched once per page load, and again when the user signs in or out (some are
 * for signed-in users only). `signedIn` undefined takes whatever was fetched last.
 */
export function loadContributions(signedIn?: boolean): Promise<Contribution[]> {
  if (!cache || (signedIn !== undefined && signedIn !== cachedFor)) {
    cachedFor = signedIn;
    cache = api<Contribution[]>('/ui/contributions').catch(() => []);
  }
  return cache;
}

export function useContributions(slot: Contribution['slot'], signedIn: boolean | undefined): Contribution[] {
  const [all, setAll] = useState<Contribution[]>([]);
  useEffect(() => {
    if (signedIn === undefined) return;
    let live = true;
    void loadContributions(signedIn).then((list) => live && setAll(list));
    return () => {
      live = false;
    };
  }, [signedIn]);
  return all.filter((c) => c.slot === slot);
}
