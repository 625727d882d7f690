/**
 * This site's own addresses, wherever a widget is shown. Resolved against this
 * module's URL, which is on our origin even when the widget is a custom element
 * on someone else's page, so data and links never point at the host's site.
 */
export const siteUrl = (path: string): string => new URL(path, import.meta.url).href;

/** The widget is shown inside another page (an iframe, or a custom element on another origin). */
export function embedded(): boolean {
  if (typeof window === 'undefined') return false;
  return window.top !== window.self || location.origin !== new URL(import.meta.url).origin;
}
