// Theme preference shared by the toggle. The first paint is handled by ThemeScript.astro,
// which must stay inline and dependency-free; this module mirrors its storage key and rules.

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'pd-theme';

const systemQuery = '(prefers-color-scheme: dark)';

export function systemTheme(): Theme {
  return window.matchMedia(systemQuery).matches ? 'dark' : 'light';
}

/**
 * Cycles system → opposite of system → same as system (pinned) → system, so that the first
 * click always changes what the reader sees.
 */
export function nextThemePreference(current: ThemePreference, system: Theme = systemTheme()) {
  if (current === 'system') return system === 'dark' ? 'light' : 'dark';
  return current === system ? 'system' : system;
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
