import { InlineError } from '../../../components/Status';
import type { SaveState } from './useSave';

/** What happened to the last save, next to its button. */
export function SaveStatus({ state }: { state: SaveState }) {
  if (state.kind === 'saved') return <span className="save-ok" role="status">✓ {state.message}</span>;
  if (state.kind === 'failed') return <InlineError error={state.error} />;
  return null;
}
