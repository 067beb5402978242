import type { Label } from '../../../lib/pulls';

/** Black or white text, whichever reads better on a label's colour (its relative luminance, as WCAG defines it). */
export function labelTextColor(hex: string): '#000000' | '#ffffff' {
  const value = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!value) return '#000000';
  const channel = (i: number) => {
    const c = parseInt(value[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // The contrast with black beats the contrast with white above this luminance.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

export function LabelBadge({ label }: { label: Pick<Label, 'name' | 'color' | 'description'> }) {
  const color = /^[0-9a-f]{6}$/i.test(label.color) ? `#${label.color}` : '#ededed';
  return (
    <span className="label-badge" style={{ backgroundColor: color, color: labelTextColor(color) }} title={label.description ?? undefined}>
      {label.name}
    </span>
  );
}
