import { render } from '@testing-library/react';
import { useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { useResultKeys } from './keys';

function List() {
  const list = useRef<HTMLUListElement>(null);
  useResultKeys(list);
  return (
    <>
      <input aria-label="query" />
      <textarea aria-label="trace" />
      <ul ref={list}>
        {['a', 'b', 'c'].map((name) => <li key={name}><a href={`#${name}`} data-result>{name}</a> <a href="#x">other</a></li>)}
      </ul>
    </>
  );
}

const press = (key: string, target: Element = document.body) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
const focused = () => document.activeElement?.textContent;

describe('useResultKeys', () => {
  it('walks the results with j/k and the arrows, and stops at the ends', () => {
    render(<List />);
    press('j');
    expect(focused()).toBe('a');
    press('ArrowDown', document.activeElement!);
    press('j', document.activeElement!);
    expect(focused()).toBe('c');
    press('j', document.activeElement!);
    expect(focused()).toBe('c');
    press('k', document.activeElement!);
    press('ArrowUp', document.activeElement!);
    expect(focused()).toBe('a');
  });

  it('an arrow enters the list from the search field, a letter typed there is just typed, a text area keeps its arrows', () => {
    const { getByLabelText } = render(<List />);
    const field = getByLabelText('query');
    (field as HTMLInputElement).focus();
    expect(press('j', field)).toBe(true);
    expect(focused()).toBe('');
    press('ArrowDown', field);
    expect(focused()).toBe('a');
    const trace = getByLabelText('trace');
    (trace as HTMLTextAreaElement).focus();
    expect(press('ArrowDown', trace)).toBe(true);
    expect(document.activeElement).toBe(trace);
  });
});
