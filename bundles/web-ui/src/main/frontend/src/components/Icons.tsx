// A few line icons as inline SVG (no icon font, nothing fetched, and they follow the text colour).

type IconProps = { size?: number; title?: string };

function Svg({ size = 16, title, children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor"
      strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}>
      {title && <title>{title}</title>}
      {children}
    </svg>
  );
}

export const PlusIcon = (p: IconProps) => <Svg {...p}><path d="M8 3v10M3 8h10" /></Svg>;
export const ThemeIcon = (p: IconProps) => (
  <Svg {...p}><circle cx="8" cy="8" r="5.5" /><path d="M8 2.5v11a5.5 5.5 0 0 0 0-11z" fill="currentColor" /></Svg>
);
export const RepoIcon = (p: IconProps) => (
  <Svg {...p}><path d="M3.5 13V3.5A1.5 1.5 0 0 1 5 2h7.5v9.5H5a1.5 1.5 0 0 0-1.5 1.5zm0 0A1.5 1.5 0 0 0 5 14.5h7.5" /></Svg>
);
export const LockIcon = (p: IconProps) => (
  <Svg {...p}><rect x="3.5" y="7" width="9" height="7" rx="1" /><path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" /></Svg>
);
export const ForkIcon = (p: IconProps) => (
  <Svg {...p}><circle cx="4.5" cy="3.5" r="1.5" /><circle cx="11.5" cy="3.5" r="1.5" /><circle cx="8" cy="12.5" r="1.5" />
    <path d="M4.5 5v1a2 2 0 0 0 2 2h3a2 2 0 0 0 2-2V5M8 8v3" /></Svg>
);
