// Fits every Path Dependencies in Compute iframe on this page to its content.
// Add once: <script src="https://<site>/embed/resize.js" defer></script>
// Each iframe reports its height; only iframes marked data-pd-embed are resized,
// and only by messages that come from their own window.
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'pd-embed:height' || typeof data.height !== 'number') return;
  for (const frame of document.querySelectorAll('iframe[data-pd-embed]')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.min(Math.max(data.height, 100), 20000)}px`;
    }
  }
});
