import { useEffect, useState } from 'react';
import { api } from '../lib/api';

let cached: Promise<boolean> | null = null;

/** Whether this installation lets people create their own accounts (GET /signup); false when the server cannot say. */
export function signupEnabled(): Promise<boolean> {
  cached ??= api<{ enabled: boolean }>('/signup').then((r) => r.enabled === true, () => {
    cached = null;
    return false;
  });
  return cached;
}

/** undefined while asking. */
export function useSignupEnabled(): boolean | undefined {
  const [enabled, setEnabled] = useState<boolean>();
  useEffect(() => {
    let live = true;
    void signupEnabled().then((value) => live && setEnabled(value));
    return () => {
      live = false;
    };
  }, []);
  return enabled;
}
