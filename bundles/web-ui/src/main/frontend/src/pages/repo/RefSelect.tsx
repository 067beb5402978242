import { useEffect, useState } from 'react';
import { refNames } from '../../lib/refs';

/** The repository's branch and tag names, loaded once per repository (shared with the URL splitting). */
export function useRefNames(base: string): { branches: string[]; tags: string[] } | undefined {
  const [names, setNames] = useState<{ branches: string[]; tags: string[] }>();
  useEffect(() => {
    let live = true;
    refNames(base).then((n) => live && setNames(n)).catch(() => live && setNames({ branches: [], tags: [] }));
    return () => {
      live = false;
    };
  }, [base]);
  return names;
}

/** A select of branches and tags; a value that is neither (a commit sha) shows as its own option. */
export function RefSelect({ base, value, onChange, label, id }: {
  base: string; value: string; onChange(ref: string): void; label: string; id: string;
}) {
  const names = useRefNames(base);
  const known = names && (names.branches.includes(value) || names.tags.includes(value));
  return (
    <span className="ref-select">
      <label htmlFor={id} className="ref-select-label">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={!names}>
        {!known && <option value={value}>{/^[0-9a-f]{40}$/i.test(value) ? value.slice(0, 7) : value}</option>}
        {names && names.branches.length > 0 && (
          <optgroup label="Branches">
            {names.branches.map((b) => <option key={`b-${b}`} value={b}>{b}</option>)}
          </optgroup>
        )}
        {names && names.tags.length > 0 && (
          <optgroup label="Tags">
            {names.tags.filter((t) => !names.branches.includes(t)).map((t) => <option key={`t-${t}`} value={t}>{t}</option>)}
          </optgroup>
        )}
      </select>
    </span>
  );
}
