import { describe, expect, it } from 'vitest';
import { params, rules } from '../../../components/widgets/SparsityLab/params';
import {
  applyRules,
  clampValues,
  defaults,
  echo,
  parseParams,
  rawFromRecord,
  writeSearchParams,
  type RawParams,
} from '../../../src/state/params';

/** Raw params from a query string, as a chapter page's URL source reads them. */
function fromQuery(query: string, prefix = ''): RawParams {
  const s = new URLSearchParams(query);
  return {
    getAll: (name) => s.getAll(prefix + name),
    names: () =>
      [...new Set(s.keys())].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
  };
}
const parseUrl = (query: string, prefix = '') => parseParams(params, fromQuery(query, prefix));
const texts = (notes: { text: string }[]) => notes.map((n) => n.text).join(' | ');

describe('parseParams(schema, raw)', () => {
  it('gives the defaults when the URL says nothing', () => {
    expect(parseUrl('')).toEqual({ values: defaults(params), notes: [] });
  });

  it('reads prefixed params on chapter pages and leaves other widgets’ names alone', () => {
    const { values, notes } = parseUrl(
      'sparsity-lab.sparsity=0.95&sparsity-lab.n=1024&n=9&crossover-atlas.n=64',
      'sparsity-lab.',
    );
    expect(values).toMatchObject({ sparsity: 0.95, n: 1024 });
    expect(notes).toEqual([]);
  });

  it('clamps out-of-range numbers and says so, tied to the setting', () => {
    const { values, notes } = parseUrl('sparsity=95&n=100000');
    expect(values.sparsity).toBe(0.9999);
    expect(values.n).toBe(4096);
    expect(notes.map((n) => n.param)).toEqual(['sparsity', 'n']);
    expect(notes[0]!.text).toMatch(/Sparsity: “\u206895\u2069” is above the maximum/);
    expect(notes[1]!.text).toMatch(/above the maximum .*using 4096/);
  });

  it('reads "-0" as 0, never −0 (which would show as "−0 %")', () => {
    const { values, notes } = parseUrl('sparsity=-0');
    expect(Object.is(values.sparsity, 0)).toBe(true);
    expect(notes).toEqual([]);
  });

  it('rounds integers (a seed of 3.7, or −5), rejects non-numbers and unknown options, with a note each', () => {
    const { values, notes } = parseUrl('n=100.4&seed=-5&dtype=f16&tier=TUNED&sparsity=abc');
    expect(values).toMatchObject({ n: 100, seed: 1, dtype: 'f64', tier: 'tuned', sparsity: 0.9 });
    const all = texts(notes);
    expect(all).toMatch(/rounded to the whole number 100/);
    expect(all).toMatch(/Seed: “\u2068-5\u2069” is below the minimum/);
    expect(all).toMatch(/is not a number/);
    expect(all).toMatch(/“\u2068f16\u2069” is not one of f64, f32/);
    expect(parseUrl('seed=3.7').notes[0]!.text).toMatch(/rounded to the whole number 4/);
  });

  it('reads options whatever their case, including options spelled in camelCase', () => {
    const schema = {
      metric: {
        kind: 'enum',
        label: 'Compare',
        default: 'machines',
        options: [
          { value: 'machines', label: 'machines' },
          { value: 'cpuCores', label: 'CPU cores' },
        ],
      },
    } as const;
    for (const given of ['cpuCores', 'cpucores', 'CPUCORES']) {
      const { values, notes } = parseParams(schema, fromQuery(`metric=${given}`));
      expect(values.metric).toBe('cpuCores');
      expect(notes).toEqual([]);
    }
  });

  it('accepts plain decimals only: hex, Infinity, NaN and blanks fall back with a note', () => {
    for (const bad of ['0x10', 'Infinity', 'NaN', '', '1_000', '1e']) {
      const { values, notes } = parseUrl(`n=${encodeURIComponent(bad)}`);
      expect(values.n, bad).toBe(2048);
      expect(notes, bad).toHaveLength(1);
    }
    expect(parseUrl('n=1e3').values.n).toBe(1000);
  });

  it('notes a name given twice and uses the first', () => {
    const { values, notes } = parseUrl('n=512&n=1024');
    expect(values.n).toBe(512);
    expect(texts(notes)).toMatch(/given 2 times; using the first/);
  });

  it('notes unknown names (a misspelled seed), which the address then drops', () => {
    const { notes } = parseUrl('sparsity-lab.sed=5', 'sparsity-lab.');
    expect(texts(notes)).toMatch(
      /Ignored “\u2068sed\u2069”: this widget has no such setting, so it was dropped from the address/,
    );
    expect(
      parseParams(params, fromQuery('theme=dark&fault=crash'), {
        reserved: new Set(['theme', 'fault']),
      }).notes,
    ).toEqual([]);
  });

  it('reads an old name (k) as its new one (batch), with a note', () => {
    const { values, notes } = parseUrl('k=64');
    expect(values.batch).toBe(64);
    expect(texts(notes)).toMatch(/“\u2068k\u2069” is now called “batch”/);
  });

  it('clampValues(schema, preset) applies the same rules to presets', () => {
    expect(clampValues(params, { n: 10 }).values.n).toBe(64);
  });
});

describe('echo(raw): a value safe to repeat in a note', () => {
  it('truncates long values to 40 characters with an ellipsis', () => {
    const shown = echo('x'.repeat(4000));
    expect(shown).toBe(`“\u2068${'x'.repeat(40)}…\u2069”`);
  });

  it('strips bidi overrides and control characters, and isolates what is left', () => {
    const shown = echo('12\u202Eevil\u0007\u2066x');
    expect(shown).toBe('“\u2068' + '12evilx' + '\u2069”');
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066\u2067]/);
    expect([...shown].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
  });

  it('never lets markup-bearing text through unchanged in length beyond the cap', () => {
    const shown = echo('<img src=x onerror=alert(1)>'.repeat(5));
    expect([...shown].length).toBeLessThanOrEqual(40 + 5);
  });
});

describe('applyRules(values, rules)', () => {
  it('2:4 storage with block structure switches the structure to 2:4, with a note', () => {
    const fixed = applyRules({ ...defaults(params), format: 'nm', structure: 'block' }, rules);
    expect(fixed.values.structure).toBe('nm');
    expect(fixed.notes).toHaveLength(1);
    expect(fixed.notes[0]!.text).toMatch(/switched from block to 2:4/);
  });

  it('leaves consistent values alone', () => {
    expect(applyRules(defaults(params), rules).notes).toEqual([]);
  });
});

describe('writeSearchParams(schema, values, search, options)', () => {
  it('round-trips through the URL, writing only non-defaults, keeping other names', () => {
    const search = new URLSearchParams('other=1&sparsity-lab.sed=5&sparsity-lab.k=3');
    const values = {
      sparsity: 0.995,
      n: 512,
      batch: 4,
      structure: 'block',
      format: 'bsr',
      dtype: 'f32',
      tier: 'tuned',
      seed: 7,
    } as const;
    writeSearchParams(params, { ...values }, search, { prefix: 'sparsity-lab.' });
    expect(search.has('sparsity-lab.tier')).toBe(false);
    expect(search.has('sparsity-lab.sed')).toBe(false);
    expect(search.has('sparsity-lab.k')).toBe(false);
    expect(search.get('other')).toBe('1');
    expect(parseUrl(search.toString(), 'sparsity-lab.').values).toEqual(values);
  });

  it('without a prefix, owns every name but the reserved ones', () => {
    const search = new URLSearchParams('theme=dark&junk=1&n=4');
    writeSearchParams(params, { ...defaults(params), n: 512 }, search, {
      reserved: new Set(['theme']),
    });
    expect(search.toString()).toBe('theme=dark&n=512');
  });
});

describe('rawFromRecord(record)', () => {
  it('ignores inherited names such as __proto__', () => {
    const raw = rawFromRecord(
      JSON.parse('{"__proto__": {"n": 5}, "n": 512}') as Record<string, unknown>,
    );
    expect(parseParams(params, raw).values.n).toBe(512);
  });
});

describe('toCsv(rows)', () => {
  it('writes a header and quotes cells with commas, quotes or newlines', async () => {
    const { toCsv } = await import('../../../src/state/download');
    expect(
      toCsv([
        { a: 1, b: 'x, "y"' },
        { a: null, b: 'z' },
      ]),
    ).toBe('a,b\n1,"x, ""y"""\n,z\n');
    expect(toCsv([])).toBe('');
  });
});
