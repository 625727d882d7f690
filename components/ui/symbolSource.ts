/**
 * One definition cut out of a source file, for "show the code" next to the
 * rung or kernel that ran it: a TypeScript/AssemblyScript function or const
 * (with the doc comment above it) or a Python def (a def nested in a
 * top-level `if` brings the whole `if`, since which branch runs depends on
 * the interpreter).
 */
export function symbolSource(text: string, symbol: string): string | null {
  const lines = text.split('\n');
  return /^\s*def /m.test(text) ? pythonSymbol(lines, symbol) : scriptSymbol(lines, symbol);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function scriptSymbol(lines: string[], symbol: string): string | null {
  const head = new RegExp(
    `^(export )?(async )?(function\\*? ${escape(symbol)}\\b|const ${escape(symbol)}\\b)`,
  );
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) return null;
  // The doc comment directly above, if any.
  let from = start;
  if (lines[start - 1]?.trim().endsWith('*/')) {
    while (from > 0 && !lines[from - 1]!.trim().startsWith('/**')) from--;
    from--;
  }
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length; i++) {
    const code = lines[i]!.replace(/\/\/.*$/, '');
    for (const ch of code) {
      if ('({['.includes(ch)) {
        depth++;
        opened = true;
      } else if (')}]'.includes(ch)) depth--;
    }
    if (opened && depth === 0 && /[};]\s*$/.test(code)) return lines.slice(from, i + 1).join('\n');
  }
  return null;
}

const indentOf = (l: string): number => l.length - l.trimStart().length;

function pythonSymbol(lines: string[], symbol: string): string | null {
  const start = lines.findIndex((l) => new RegExp(`^\\s*def ${escape(symbol)}\\(`).test(l));
  if (start < 0) return null;
  let from = start;
  // Nested in a top-level block: start at that block's first line.
  if (indentOf(lines[start]!) > 0) {
    while (from > 0 && (lines[from]!.trim() === '' || indentOf(lines[from]!) > 0)) from--;
  }
  let to = start + 1;
  const continues = (l: string): boolean =>
    l.trim() === '' || indentOf(l) > 0 || (from !== start && /^(else|elif)\b/.test(l));
  while (to < lines.length && continues(lines[to]!)) to++;
  while (to > start && lines[to - 1]!.trim() === '') to--;
  return lines.slice(from, to).join('\n');
}
