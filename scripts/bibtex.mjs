// @ts-check
// A small BibTeX reader and reference formatter. Plain JS with JSDoc types because
// astro.config.mjs (via remark-citations.mjs) imports it before TypeScript is set up.

/**
 * @typedef {object} BibEntry
 * @property {string} type   Entry type, lower-cased: `article`, `inproceedings`, `misc`, …
 * @property {string} key    Citation key exactly as written.
 * @property {Record<string, string>} fields  Field name (lower-cased) → raw value (LaTeX kept).
 */

/**
 * @typedef {object} FormattedReference
 * @property {string} html  Escaped HTML with links (DOI, URL, arXiv); safe for `set:html`.
 * @property {string} text  Plain text, e.g. for a `title` attribute.
 */

// BibTeX's predefined month macros.
/** @type {Record<string, string>} */
const MONTHS = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
};

/**
 * Parses BibTeX source into entries keyed by citation key. Text outside entries is a
 * comment (as in BibTeX); `@comment` and `@preamble` are skipped, `@string` macros are
 * expanded. Throws on malformed entries and duplicate keys, naming the line.
 * @param {string} text
 * @returns {Map<string, BibEntry>}
 */
export function parseBibtex(text) {
  /** @type {Map<string, BibEntry>} */
  const entries = new Map();
  /** @type {Record<string, string>} */
  const macros = { ...MONTHS };
  let i = 0;

  /** @param {string} message @param {number} [at] @returns {never} */
  const fail = (message, at = i) => {
    const line = text.slice(0, at).split('\n').length;
    throw new Error(`BibTeX parse error at line ${line}: ${message}`);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
  };
  /** Reads `{...}` with nested braces; returns the inside. */
  const readBraced = () => {
    const start = i;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text.charAt(i);
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        i++;
        return text.slice(start + 1, i - 1);
      }
    }
    return fail('unbalanced braces', start);
  };
  /** Reads `"..."`; quotes inside braces do not end it. */
  const readQuoted = () => {
    const start = i;
    let depth = 0;
    for (i++; i < text.length; i++) {
      const c = text.charAt(i);
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) {
        i++;
        return text.slice(start + 1, i - 1);
      }
    }
    return fail('unterminated quoted value', start);
  };
  const readName = () => {
    const match = /^[^\s"#%'(),={}]+/.exec(text.slice(i));
    if (!match) return fail(`expected a name, found "${text.charAt(i)}"`);
    i += match[0].length;
    return match[0];
  };
  /** A value is one or more parts joined by `#`: {…}, "…", a number or a macro name. */
  const readValue = () => {
    let value = '';
    for (;;) {
      skipSpace();
      const c = text.charAt(i);
      if (c === '{') value += readBraced();
      else if (c === '"') value += readQuoted();
      else if (/[0-9]/.test(c)) value += readName();
      else {
        const at = i;
        const name = readName().toLowerCase();
        const expanded = macros[name];
        if (expanded === undefined) fail(`undefined string macro "${name}"`, at);
        value += expanded;
      }
      skipSpace();
      if (text.charAt(i) !== '#') return value.replace(/\s+/g, ' ').trim();
      i++;
    }
  };

  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at === -1) break;
    i = at + 1;
    const typeMatch = /^[A-Za-z]+/.exec(text.slice(i));
    // A stray "@" or an e-mail address in the comment text between entries.
    if (!typeMatch || /\w/.test(text.charAt(at - 1))) continue;
    const type = typeMatch[0].toLowerCase();
    i += typeMatch[0].length;
    skipSpace();
    const open = text.charAt(i);
    if (open !== '{' && open !== '(') {
      if (type === 'comment') continue; // BibTeX allows `@comment` followed by free text
      fail(`expected "{" or "(" after @${type}`);
    }
    const close = open === '{' ? '}' : ')';

    if (type === 'comment' || type === 'preamble') {
      if (open === '{') readBraced();
      else {
        const end = text.indexOf(')', i);
        if (end === -1) fail(`unterminated @${type}`);
        i = end + 1;
      }
      continue;
    }

    i++; // past the opening delimiter
    skipSpace();

    if (type === 'string') {
      const name = readName().toLowerCase();
      skipSpace();
      if (text.charAt(i) !== '=') fail(`expected "=" in @string ${name}`);
      i++;
      macros[name] = readValue();
      skipSpace();
      if (text.charAt(i) !== close) fail(`expected "${close}" to end @string ${name}`);
      i++;
      continue;
    }

    const entryStart = at;
    const keyMatch = /^[^\s,{}()"]+/.exec(text.slice(i));
    if (!keyMatch) fail(`@${type} has no citation key`);
    const key = keyMatch[0];
    i += key.length;
    if (entries.has(key)) fail(`duplicate citation key "${key}"`, entryStart);

    /** @type {Record<string, string>} */
    const fields = {};
    for (;;) {
      skipSpace();
      const c = text.charAt(i);
      if (c === ',') {
        i++;
        continue;
      }
      if (c === close) {
        i++;
        break;
      }
      if (i >= text.length) fail(`unterminated entry "${key}"`, entryStart);
      const fieldStart = i;
      const name = readName().toLowerCase();
      skipSpace();
      if (text.charAt(i) !== '=') fail(`expected "=" after field "${name}" in "${key}"`);
      i++;
      if (name in fields) fail(`field "${name}" repeated in "${key}"`, fieldStart);
      fields[name] = readValue();
    }
    entries.set(key, { type, key, fields });
  }
  return entries;
}

// Combining marks for LaTeX accent commands; NFC normalisation then composes them.
/** @type {Record<string, string>} */
const ACCENTS = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  c: '\u0327',
  v: '\u030C',
  u: '\u0306',
  H: '\u030B',
  r: '\u030A',
  k: '\u0328',
  d: '\u0323',
  b: '\u0331',
};

/** @type {Record<string, string>} */
const SYMBOLS = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'i',
  j: 'j',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  times: '×',
  textregistered: '®',
  texttrademark: '™',
  copyright: '©',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
};

/**
 * Turns a BibTeX field value into display text: accents to Unicode, dashes and quotes to
 * typographic ones, escapes resolved, braces and formatting commands removed.
 * @param {string} value
 * @returns {string}
 */
export function latexToText(value) {
  // Private-use placeholders keep escaped braces through the brace-stripping step.
  let s = value.replace(/\\\{/g, '\uE000').replace(/\\\}/g, '\uE001');
  s = s.replace(/\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}/g, '$1');
  // \"u, \"{u}, {\"u}, \'{\i}
  s = s.replace(
    /\\(["'`^~=.])\s*(?:\{\s*\\?([A-Za-z])\s*\}|\\?([A-Za-z]))/g,
    (_m, a, b, c) => `${b ?? c}${ACCENTS[a] ?? ''}`,
  );
  // \c{c}, \v s, \u{a}: letter-named accents need a brace or a space before their letter.
  s = s.replace(
    /\\([cvuHrkdb])(?:\s*\{\s*\\?([A-Za-z])\s*\}|\s+([A-Za-z]))/g,
    (_m, a, b, c) => `${b ?? c}${ACCENTS[a] ?? ''}`,
  );
  // TeX swallows the spaces after a control word; unknown words (\emph, \url, …) are dropped.
  s = s.replace(/\\([A-Za-z]+)\s*/g, (_m, name) => SYMBOLS[name] ?? '');
  s = s
    .replace(/(?<!\\)\$/g, '') // inline math delimiters
    .replace(/\\([&%$#_])/g, '$1')
    .replace(/\\[,;:]/g, '\u2009')
    .replace(/\\[ \\]/g, ' ')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/`/g, '‘')
    .replace(/'/g, '’')
    .replace(/~/g, '\u00A0')
    .replace(/[{}]/g, '')
    .replace(/\uE000/g, '{')
    .replace(/\uE001/g, '}')
    .replace(/\s+/g, ' ')
    .trim();
  return s.normalize('NFC');
}

/**
 * Splits on a top-level separator (outside braces).
 * @param {string} value
 * @param {RegExp} separator  Must be global; matched only at brace depth 0.
 * @returns {string[]}
 */
function splitTopLevel(value, separator) {
  /** @type {string[]} */
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0) {
      separator.lastIndex = i;
      const m = separator.exec(value);
      if (m && m.index === i) {
        parts.push(value.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(value.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * "Hooker, Sara" / "Sara Hooker" / "{World Health Organization}" → display name.
 * @param {string} name
 */
function formatName(name) {
  const parts = splitTopLevel(name, /,/g);
  if (parts.length === 1) return latexToText(parts[0] ?? '');
  // "von Last, Jr, First" → "First von Last, Jr"
  const [last = '', second = '', third] = parts;
  return third === undefined
    ? latexToText(`${second} ${last}`)
    : latexToText(`${third} ${last}, ${second}`);
}

/**
 * BibTeX author list → "A", "A & B", "A, B & C"; long lists end in "et al.".
 * @param {string} value
 */
export function formatAuthors(value) {
  const names = splitTopLevel(value, /\s+and\s+/g);
  const others = names.length > 0 && names[names.length - 1]?.toLowerCase() === 'others';
  const people = (others ? names.slice(0, -1) : names).map(formatName);
  if (people.length === 0) return '';
  if (others || people.length > 8) return `${people.slice(0, others ? 3 : 6).join(', ')} et al.`;
  if (people.length === 1) return people[0] ?? '';
  return `${people.slice(0, -1).join(', ')} & ${people[people.length - 1]}`;
}

/** @param {string} s */
function escapeHtml(s) {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Adds a full stop unless the text already ends in punctuation. @param {string} s */
function stop(s) {
  return /[.?!]$/.test(s) ? s : `${s}.`;
}

/**
 * Formats an entry as one reference: authors (year). Title. Venue vol(num), pages. Links.
 * @param {BibEntry} entry
 * @returns {FormattedReference}
 */
export function formatReference(entry) {
  const f = entry.fields;
  /** @param {string} name */
  const field = (name) => (f[name] !== undefined ? latexToText(f[name]) : '');

  /** @type {{ text: string, html: string }[]} */
  const parts = [];
  /** @param {string} text @param {string} [html] */
  const add = (text, html) => parts.push({ text, html: html ?? escapeHtml(text) });

  const who = f['author'] ?? f['editor'];
  const authors = who !== undefined ? formatAuthors(who) : field('organization');
  const year = field('year') || field('date').slice(0, 4);
  const when = year ? ` (${year})` : '';
  if (authors) add(stop(`${authors}${when}`));
  else if (year) add(`(${year}).`);

  const title = field('title');
  if (title) add(stop(title), `<span class="ref-title">${escapeHtml(stop(title))}</span>`);

  const booktitle = field('booktitle');
  const venue =
    field('journal') ||
    field('journaltitle') ||
    (booktitle ? `In ${booktitle}` : '') ||
    field('howpublished') ||
    field('institution') ||
    field('school');
  const volume = field('volume');
  const number = field('number') || field('issue');
  const pages = field('pages');
  let issue = volume ? `${volume}${number ? `(${number})` : ''}` : number ? `no. ${number}` : '';
  if (pages) issue = issue ? `${issue}, ${pages}` : `pp. ${pages}`;
  // A proceedings volume names its publisher; a journal's is noise.
  const publisher = booktitle && field('publisher') ? `, ${field('publisher')}` : '';
  if (venue) {
    // "Journal 64(12), 58–65" but "Proceedings, pp. 10–14".
    const tail = `${issue ? `${volume ? ' ' : ', '}${issue}` : ''}${publisher}`;
    add(stop(`${venue}${tail}`), `<i>${escapeHtml(venue)}</i>${escapeHtml(stop(tail))}`);
  } else {
    const rest = [field('publisher'), issue].filter((s) => s !== '').join(', ');
    if (rest) add(stop(rest));
  }

  const links = new Set();
  const doi = (f['doi'] ?? '').replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').trim();
  if (doi) {
    const href = `https://doi.org/${doi}`;
    links.add(href);
    add(href, `<a href="${escapeHtml(href)}">doi:${escapeHtml(doi)}</a>`);
  }
  const prefix = (f['archiveprefix'] ?? f['eprinttype'] ?? '').toLowerCase();
  const eprint = (f['eprint'] ?? '').trim();
  const arxiv = eprint && (prefix === 'arxiv' || prefix === '') ? eprint : '';
  const arxivHref = arxiv ? `https://arxiv.org/abs/${arxiv}` : '';
  const url = (f['url'] ?? '').trim();
  if (url && !links.has(url) && url.replace(/v\d+$/, '') !== arxivHref) {
    links.add(url);
    add(url, `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
  }
  if (arxiv) {
    add(`arXiv:${arxiv}`, `<a href="${escapeHtml(arxivHref)}">arXiv:${escapeHtml(arxiv)}</a>`);
  }
  const note = field('note');
  if (note) add(stop(note));

  return {
    text: parts.map((p) => p.text).join(' '),
    html: parts.map((p) => p.html).join(' '),
  };
}
