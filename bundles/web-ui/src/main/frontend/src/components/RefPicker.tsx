import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { refNames } from '../lib/refs';

export type RefKind = 'branch' | 'tag';

const BRANCH_ICON = 'M9.5 3.25a2.25 2.25 0 1 1 3 2.122V6A2.5 2.5 0 0 1 10 8.5H6a1 1 0 0 0-1 1v1.128a2.251 2.251 0 1 1-1.5 0V5.372a2.25 2.25 0 1 1 1.5 0v1.836A2.493 2.493 0 0 1 6 7h4a1 1 0 0 0 1-1v-.628A2.25 2.25 0 0 1 9.5 3.25Zm-6 0a.75.75 0 1 0 1.5 0 .75.75 0 0 0-1.5 0Zm8.25-.75a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5ZM4.25 12a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5Z';
const TAG_ICON = 'M1 7.775V2.75C1 1.784 1.784 1 2.75 1h5.025c.464 0 .91.184 1.238.513l6.25 6.25a1.75 1.75 0 0 1 0 2.474l-5.026 5.026a1.75 1.75 0 0 1-2.474 0l-6.25-6.25A1.752 1.752 0 0 1 1 7.775Zm1.5 0c0 .066.026.13.073.177l6.25 6.25a.25.25 0 0 0 .354 0l5.025-5.025a.25.25 0 0 0 0-.354l-6.25-6.25a.25.25 0 0 0-.177-.073H2.75a.25.25 0 0 0-.25.25ZM6 5a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z';

/**
 * A button showing the current branch or tag that opens a panel with Branches and Tags tabs, a filter field and
 * the matching names. Keyboard: the field takes focus; Up/Down move, Enter picks, Tab switches tabs from the
 * tab list, Escape closes and gives focus back to the button.
 */
export function RefPicker({ base, current, defaultBranch, onSelect, label = 'Switch branches or tags' }: {
  /** API path of the repository, e.g. /repos/alice/tools. */
  base: string;
  current: string;
  defaultBranch?: string;
  onSelect(name: string, kind: RefKind): void;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const [names, setNames] = useState<{ branches: string[]; tags: string[] }>();
  const [failed, setFailed] = useState(false);
  const [tab, setTab] = useState<RefKind>('branch');
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    let live = true;
    setFailed(false);
    refNames(base)
      .then((n) => {
        if (!live) return;
        setNames(n);
        if (!n.branches.includes(current) && n.tags.includes(current)) setTab('tag');
      })
      .catch(() => live && setFailed(true));
    input.current?.focus();
    const outside = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => {
      live = false;
      document.removeEventListener('mousedown', outside);
    };
  }, [open, base, current]);

  const list = useMemo(() => {
    const all = (tab === 'branch' ? names?.branches : names?.tags) ?? [];
    const needle = filter.trim().toLowerCase();
    const matching = needle ? all.filter((n) => n.toLowerCase().includes(needle)) : all;
    if (tab === 'branch' && defaultBranch && matching.includes(defaultBranch)) {
      return [defaultBranch, ...matching.filter((n) => n !== defaultBranch)];
    }
    return matching;
  }, [names, tab, filter, defaultBranch]);

  useEffect(() => setActive(0), [tab, filter]);

  const close = () => {
    setOpen(false);
    setFilter('');
    button.current?.focus();
  };
  const pick = (name: string) => {
    close();
    if (name !== current) onSelect(name, tab);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, list.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter' && event.target === input.current) {
      event.preventDefault();
      if (list[active]) pick(list[active]);
    }
  };

  useEffect(() => {
    document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const isTag = names ? !names.branches.includes(current) && names.tags.includes(current) : false;

  return (
    <div className="ref-picker" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="button ref-picker-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={`${label}: ${current}`}
        title={current}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <svg className="ref-picker-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d={isTag ? TAG_ICON : BRANCH_ICON} />
        </svg>
        <span className="ref-picker-current truncate">{current}</span>
        <span aria-hidden="true" className="ref-picker-caret">▾</span>
      </button>
      {open && (
        <div className="ref-picker-panel" role="dialog" aria-label={label}>
          <div className="ref-picker-title">
            <span>{label}</span>
            <button type="button" className="ref-picker-close" aria-label="Close" onClick={close}>×</button>
          </div>
          <div className="ref-picker-filter">
            <input
              ref={input}
              type="text"
              value={filter}
              placeholder={tab === 'branch' ? 'Find a branch…' : 'Find a tag…'}
              aria-label={tab === 'branch' ? 'Filter branches' : 'Filter tags'}
              role="combobox"
              aria-expanded="true"
              aria-controls={`${id}-list`}
              aria-activedescendant={list[active] ? `${id}-option-${active}` : undefined}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <div className="ref-picker-tabs" role="tablist">
            {(['branch', 'tag'] as const).map((kind) => (
              <button
                key={kind}
                type="button"
                role="tab"
                aria-selected={tab === kind}
                className={tab === kind ? 'selected' : ''}
                onClick={() => {
                  setTab(kind);
                  input.current?.focus();
                }}
              >
                {kind === 'branch' ? 'Branches' : 'Tags'}
              </button>
            ))}
          </div>
          <ul className="ref-picker-list" role="listbox" id={`${id}-list`} aria-label={tab === 'branch' ? 'Branches' : 'Tags'}>
            {failed && <li className="ref-picker-empty">The branches and tags could not be loaded.</li>}
            {!failed && !names && <li className="ref-picker-empty">Loading…</li>}
            {names && list.length === 0 && (
              <li className="ref-picker-empty">
                {filter ? `Nothing matches “${filter}”.` : tab === 'branch' ? 'No branches yet.' : 'No tags yet.'}
              </li>
            )}
            {list.map((name, i) => (
              <li
                key={name}
                id={`${id}-option-${i}`}
                role="option"
                aria-selected={name === current}
                className={`ref-picker-option${i === active ? ' active' : ''}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(name)}
              >
                <span className="ref-picker-check" aria-hidden="true">{name === current ? '✓' : ''}</span>
                <span className="truncate">{name}</span>
                {name === defaultBranch && tab === 'branch' && <span className="badge">default</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
