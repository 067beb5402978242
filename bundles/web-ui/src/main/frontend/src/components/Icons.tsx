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
export const LocationIcon = (p: IconProps) => (
  <Svg {...p}><path d="M13 6.5c0 3.5-5 8-5 8s-5-4.5-5-8a5 5 0 0 1 10 0z" /><circle cx="8" cy="6.5" r="1.75" /></Svg>
);
export const LinkIcon = (p: IconProps) => (
  <Svg {...p}><path d="M7 9a2.5 2.5 0 0 0 3.5 0l2.5-2.5A2.5 2.5 0 0 0 9.5 3L8.75 3.75" /><path d="M9 7a2.5 2.5 0 0 0-3.5 0L3 9.5A2.5 2.5 0 0 0 6.5 13l.75-.75" /></Svg>
);
export const CalendarIcon = (p: IconProps) => (
  <Svg {...p}><rect x="2.5" y="3.5" width="11" height="10" rx="1.5" /><path d="M5.5 2v3M10.5 2v3M2.5 7h11" /></Svg>
);
export const MailIcon = (p: IconProps) => (
  <Svg {...p}><rect x="2" y="3.5" width="12" height="9" rx="1.5" /><path d="M2.5 4.5 8 8.5l5.5-4" /></Svg>
);
export const CompanyIcon = (p: IconProps) => (
  <Svg {...p}><rect x="2" y="5" width="12" height="8.5" rx="1.5" /><path d="M10.5 13.5V3.5a1 1 0 0 0-1-1h-3a1 1 0 0 0-1 1v10" /></Svg>
);
export const EyeIcon = (p: IconProps) => (
  <Svg {...p}><path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" /><circle cx="8" cy="8" r="2" /></Svg>
);
export const StarIcon = ({ filled = false, ...p }: IconProps & { filled?: boolean }) => (
  <Svg {...p}><path d="M8 1.8l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z"
    fill={filled ? 'currentColor' : 'none'} /></Svg>
);
