/**
 * A link to a widget further down (`/sparsity/#widget-dynamic-sparsity`) lands
 * before the widgets above it have mounted and measured; as they grow, the
 * target would slide away. Until the reader scrolls or types, keep the target
 * where the browser first put it.
 */
export function keepHashTarget(ms = 10_000): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (!target) return;
  // Where the browser puts a fragment's target: the top, less the page's scroll padding.
  const wanted = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  const observer = new ResizeObserver(() => {
    const top = target.getBoundingClientRect().top;
    if (Math.abs(top - wanted) > 2) scrollBy({ top: top - wanted, behavior: 'instant' });
  });
  const stop = () => observer.disconnect();
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const) {
    addEventListener(type, stop, { once: true, passive: true });
  }
  observer.observe(document.body);
  setTimeout(stop, ms);
}
