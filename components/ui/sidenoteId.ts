// Sidenote ids only need to be unique within a page; a process-wide counter guarantees it
// without threading state through MDX. (The visible numbers come from a CSS counter.)
let count = 0;

export function nextSidenoteId(): string {
  count += 1;
  return `sidenote-${count}`;
}
