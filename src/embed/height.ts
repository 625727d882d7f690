/**
 * In an iframe: tells the parent page this page's height whenever it changes,
 * so the host's resize script (public/embed/resize.js) can fit the iframe and
 * no inner scrollbar appears. Works from a sandboxed, opaque-origin frame.
 */
export const HEIGHT_MESSAGE = 'pd-embed:height';

export function reportHeight(): void {
  if (window.parent === window) return;
  let last = -1;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  };
  new ResizeObserver(send).observe(document.documentElement);
  send();
}
