import { useEffect, type RefObject } from 'react';
import { isTyping } from '../../lib/hooks';

/**
 * Keyboard navigation through a result list: `j`/`k` or the arrow keys move the focus from result to result (the
 * elements marked `data-result`), Enter opens the focused one (it is a link). Arrows work from the search field
 * too, so a person can type, press ↓ and go on.
 */
export function useResultKeys(list: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const container = list.current;
      if (!container || event.altKey || event.ctrlKey || event.metaKey) return;
      const down = event.key === 'ArrowDown' || (event.key === 'j' && !isTyping(event.target));
      const up = event.key === 'ArrowUp' || (event.key === 'k' && !isTyping(event.target));
      if (!down && !up) return;
      const target = event.target as HTMLElement | null;
      // Arrows in a text area or select keep their own meaning; in the search field they enter the list.
      if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
      const results = [...container.querySelectorAll<HTMLElement>('[data-result]')];
      if (results.length === 0) return;
      const current = results.findIndex((r) => r === document.activeElement);
      const next = current < 0 ? (down ? 0 : -1) : current + (down ? 1 : -1);
      if (next < 0 || next >= results.length) return;
      event.preventDefault();
      results[next].focus();
      results[next].scrollIntoView?.({ block: 'nearest' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [list]);
}
