// Light and dark themes: CSS variables switched by <html data-theme>, set before the first paint by /boot.js.

export type Theme = 'light' | 'dark';

export function currentTheme(): Theme {
  return document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
}

export function setTheme(theme: Theme) {
  document.documentElement.setAttribute('data-theme', theme);
  try {
    localStorage.setItem('codara.theme', theme);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export function toggleTheme() {
  setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
}
