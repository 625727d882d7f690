// Theme preference shared by the toggle. The first paint is handled by ThemeScript.astro,
// which must stay inline and dependency-free; this module mirrors its storage key and rules.

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'pd-theme';

const systemQuery = '(prefers-color-scheme: dark)';

export function systemTheme(): Theme {
  return window.matchMedia(systemQuery).matches ? 'dark' : 'light';
}

/** From "system" the first click always changes what the reader sees: to the opposite theme. */
export function nextThemePreference(current: ThemePreference): ThemePreference {
  if (current === 'system') return systemTheme() === 'dark' ? 'light' : 'dark';
  const other: Theme = current === 'dark' ? 'light' : 'dark';
  return other === systemTheme() ? 'system' : other;
}

export function setThemePreference(preference: ThemePreference): void {
  const root = document.documentElement;
  root.dataset['themePref'] = preference;
  root.dataset['theme'] = preference === 'system' ? systemTheme() : preference;
  try {
    if (preference === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Storage can be blocked (private mode, embedded contexts): the choice lasts this page.
  }
}
