import { useState } from 'react';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; message: string } | { kind: 'failed'; error: unknown };

/** One form's save: the state to show (saving, saved in words, or the API's error) around an async write. */
export function useSave() {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const run = async (write: () => Promise<unknown>, message: string): Promise<boolean> => {
    setState({ kind: 'saving' });
    try {
      await write();
      setState({ kind: 'saved', message });
      return true;
    } catch (error) {
      setState({ kind: 'failed', error });
      return false;
    }
  };
  return { state, run, saving: state.kind === 'saving', reset: () => setState({ kind: 'idle' }) };
}
