// Small line icons for the history pages, drawn inline so they need no font and follow the text colour.

const common = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5,
  strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const, 'aria-hidden': true, focusable: false };

export function CopyIcon() {
  return <svg {...common}><rect x="5.5" y="5.5" width="8" height="8" rx="1.5" /><path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" /></svg>;
}

export function CheckIcon() {
  return <svg {...common}><path d="M3 8.5l3 3 7-7" /></svg>;
}

export function CodeIcon() {
  return <svg {...common}><path d="M5.5 4.5L2 8l3.5 3.5M10.5 4.5L14 8l-3.5 3.5" /></svg>;
}

export function BranchIcon() {
  return <svg {...common}><circle cx="4.5" cy="3.5" r="1.5" /><circle cx="4.5" cy="12.5" r="1.5" /><circle cx="11.5" cy="5" r="1.5" /><path d="M4.5 5v6M11.5 6.5c0 3-7 2-7 4.5" /></svg>;
}

export function TagIcon() {
  return <svg {...common}><path d="M2.5 2.5h5l6 6-5 5-6-6z" /><circle cx="5.5" cy="5.5" r="1" /></svg>;
}

export function SwapIcon() {
  return <svg {...common}><path d="M3 5h10l-3-3M13 11H3l3 3" /></svg>;
}

export function TrashIcon() {
  return <svg {...common}><path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" /></svg>;
}
