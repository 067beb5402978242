import { useEffect, useRef, useState, type RefObject } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, query } from '../lib/api';
import { debounce, moveSelection, PER_KIND, suggestions, userQuery, type Suggestion } from '../lib/suggest';
import type { Repository, User } from '../lib/types';
import { RepoIcon } from './Icons';
import './search-suggestions.css';

/** How long typing must pause before the server is asked. */
export const DEBOUNCE_MS = 200;
const LIST_ID = 'header-search-suggestions';

interface Found<T> {
  items: T[];
}

/**
 * The header search's dropdown: as one types (debounced), the repositories and people that match, then "search
 * for it". Arrow keys move through the rows, Enter opens the highlighted one (or searches when none is), Escape
 * closes. It drives the layout's own text field (`input`), so the frame loads none of this until the field is
 * first focused.
 */
export default function SearchSuggestions({ input }: { input: RefObject<HTMLInputElement | null> }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [rows, setRows] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState(-1);
  const state = useRef({ rows, selected, open });
  state.current = { rows, selected, open };

  useEffect(() => setOpen(false), [location.pathname, location.search]);

  useEffect(() => {
    const field = input.current;
    if (!field) return;
    let controller: AbortController | undefined;
    const lookup = debounce((text: string) => {
      controller?.abort();
      const trimmed = text.trim();
      if (!trimmed) {
        setRows([]);
        return;
      }
      controller = new AbortController();
      const signal = controller.signal;
      void Promise.allSettled([
        api<Found<Repository>>(`/search/repositories${query({ q: trimmed, per_page: PER_KIND })}`, { signal }),
        api<Found<User>>(`/search/users${query({ q: userQuery(trimmed), per_page: PER_KIND })}`, { signal }),
      ]).then(([repos, users]) => {
        if (signal.aborted) return;
        // One kind failing (a qualifier only the other understands, say) leaves the other's rows.
        setRows(suggestions(trimmed, repos.status === 'fulfilled' ? repos.value.items : [],
          users.status === 'fulfilled' ? users.value.items : []));
        setSelected(-1);
        setOpen(true);
      });
    }, DEBOUNCE_MS);

    const onInput = () => {
      if (!field.value.trim()) {
        lookup.cancel();
        controller?.abort();
        setRows([]);
        setOpen(false);
        return;
      }
      lookup.call(field.value);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const { rows: current, selected: at, open: shown } = state.current;
      if (event.key === 'Escape') {
        if (shown) {
          event.preventDefault();
          setOpen(false);
        } else {
          field.blur();
        }
        return;
      }
      if (!shown || current.length === 0) {
        if (event.key === 'ArrowDown' && current.length > 0) {
          event.preventDefault();
          setOpen(true);
        }
        return;
      }
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setSelected(moveSelection(at, event.key, current.length));
      } else if (event.key === 'Enter' && at >= 0) {
        // The highlighted row, not the form's plain search.
        event.preventDefault();
        setOpen(false);
        navigate(current[at].to);
      }
    };
    const onFocus = () => {
      if (state.current.rows.length > 0 && field.value.trim()) setOpen(true);
    };
    const onBlur = () => {
      // After a click on a row has landed.
      setTimeout(() => setOpen(false), 150);
    };
    field.addEventListener('input', onInput);
    field.addEventListener('keydown', onKeyDown);
    field.addEventListener('focus', onFocus);
    field.addEventListener('blur', onBlur);
    // The field keeps its searchbox role (the "/" shortcut and tests find it so); these tie it to the list.
    field.setAttribute('aria-controls', LIST_ID);
    field.setAttribute('aria-autocomplete', 'list');
    // Typed before this code arrived: look it up now.
    if (field.value.trim()) lookup.call(field.value);
    return () => {
      lookup.cancel();
      controller?.abort();
      field.removeEventListener('input', onInput);
      field.removeEventListener('keydown', onKeyDown);
      field.removeEventListener('focus', onFocus);
      field.removeEventListener('blur', onBlur);
    };
  }, [input, navigate]);

  useEffect(() => {
    const field = input.current;
    if (!field) return;
    field.setAttribute('aria-expanded', String(open && rows.length > 0));
    if (open && selected >= 0) field.setAttribute('aria-activedescendant', `${LIST_ID}-${selected}`);
    else field.removeAttribute('aria-activedescendant');
  }, [input, open, rows, selected]);

  if (!open || rows.length === 0) return null;
  return (
    <ul className="search-suggestions" id={LIST_ID} role="listbox" aria-label="Suggestions">
      {rows.map((row, index) => (
        <li key={`${row.kind}:${row.to}`} id={`${LIST_ID}-${index}`} role="option" aria-selected={index === selected}
          className={index === selected ? 'selected' : undefined} data-kind={row.kind}
          onMouseEnter={() => setSelected(index)}>
          <Link to={row.to} tabIndex={-1} onMouseDown={(event) => event.preventDefault()} onClick={() => setOpen(false)}>
            {row.kind === 'repository' && <RepoIcon size={14} />}
            {row.kind === 'user' && <span className="suggestion-at" aria-hidden="true">@</span>}
            <span className="suggestion-label">{row.label}</span>
            {row.detail && <span className="suggestion-detail muted small">{row.detail}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}
