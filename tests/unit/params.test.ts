import { afterEach, describe, expect, it, vi } from 'vitest';
import { params } from '../../components/widgets/SparsityLab/params';
import {
  clampValues,
  fromSearchParams,
  mirrorToUrl,
  parseParams,
  writeSearchParams,
} from '../../src/state/params';
import {
  capProblem,
  MEMORY_BUDGET_BYTES,
  problemBytes,
  WORK_BUDGET,
  type Problem,
} from '../../src/worker/budget';

const parseUrl = (query: string, prefix = '') =>
  parseParams(params, fromSearchParams(new URLSearchParams(query), prefix));

describe('parseParams(schema, get)', () => {
  it('gives the defaults when the URL says nothing', () => {
    expect(parseUrl('')).toEqual({
      values: {
        sparsity: 0.9,
        n: 2048,
        k: 1,
        structure: 'unstructured',
        format: 'csr',
        dtype: 'f64',
        tier: 'tuned',
        seed: 1,
      },
      notes: [],
    });
  });

  it('reads prefixed params on chapter pages', () => {
    const { values, notes } = parseUrl(
      'sparsity-lab.sparsity=0.95&sparsity-lab.n=1024&n=9',
      'sparsity-lab.',
    );
    expect(values).toMatchObject({ sparsity: 0.95, n: 1024 });
    expect(notes).toEqual([]);
  });

  it('clamps out-of-range numbers and says so', () => {
    const { values, notes } = parseUrl('sparsity=95&n=100000');
    expect(values.sparsity).toBe(0.9999);
    expect(values.n).toBe(4096);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/Sparsity: 95 is above the maximum/);
    expect(notes[1]).toMatch(/100000 is above the maximum .*using 4096/);
  });

  it('rounds integers, rejects non-numbers and unknown options with a note', () => {
    const { values, notes } = parseUrl('n=100.4&seed=abc&dtype=f16&tier=TUNED');
    expect(values).toMatchObject({ n: 100, seed: 1, dtype: 'f64', tier: 'tuned' });
    expect(notes.join(' ')).toMatch(/rounded/);
    expect(notes.join(' ')).toMatch(/“abc” is not a number/);
    expect(notes.join(' ')).toMatch(/“f16” is not one of f64, f32/);
  });

  it('clampValues(schema, preset) applies the same rules to presets', () => {
    expect(clampValues(params, { n: 10 }).values.n).toBe(64);
  });
});

describe('writeSearchParams(schema, values, search, prefix)', () => {
  it('round-trips through the URL, writing only non-defaults', () => {
    const search = new URLSearchParams('other=1');
    const values = {
      sparsity: 0.995,
      n: 512,
      k: 4,
      structure: 'block',
      format: 'bsr',
      dtype: 'f32',
      tier: 'tuned',
      seed: 7,
    } as const;
    writeSearchParams(params, { ...values }, search, 'sparsity-lab.');
    expect(search.has('sparsity-lab.tier')).toBe(false);
    expect(search.get('other')).toBe('1');
    expect(parseUrl(search.toString(), 'sparsity-lab.').values).toEqual(values);
  });
});

describe('mirrorToUrl(schema, values, prefix)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** A page at `href` whose replaceState moves the stub location along. */
  function page(href: string) {
    const location = { href };
    const replaceState = vi.fn((_state: unknown, _title: string, url: URL) => {
      location.href = url.href;
    });
    vi.stubGlobal('location', location);
    vi.stubGlobal('history', { state: { kept: true }, replaceState });
    return { location, replaceState };
  }

  it('writes non-defaults into the address, keeping other params and the history state', () => {
    const { location, replaceState } = page('https://x.test/sparsity/?other=1#top');
    const values = { ...parseUrl('').values, n: 512 };
    mirrorToUrl(params, values, 'sparsity-lab.');
    expect(replaceState).toHaveBeenCalledTimes(1);
    expect(replaceState.mock.calls[0]![0]).toEqual({ kept: true });
    expect(location.href).toBe('https://x.test/sparsity/?other=1&sparsity-lab.n=512#top');
  });

  it('leaves history alone when the address already says it', () => {
    const { replaceState } = page('https://x.test/sparsity/?sparsity-lab.n=512');
    mirrorToUrl(params, { ...parseUrl('').values, n: 512 }, 'sparsity-lab.');
    expect(replaceState).not.toHaveBeenCalled();
  });
});

describe('capProblem(problem)', () => {
  const p: Problem = { n: 2048, k: 1, dtype: 'f64', tier: 'tuned', format: 'csr' };

  it('leaves problems that fit alone', () => {
    expect(capProblem(p)).toEqual({ n: 2048 });
    expect(capProblem({ ...p, n: 4096, dtype: 'f32' })).toEqual({ n: 4096 });
  });

  it('caps n = 4096 in f64 to the largest size within 256 MB, with a note', () => {
    const { n, note } = capProblem({ ...p, n: 4096 });
    expect(problemBytes({ ...p, n })).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
    expect(problemBytes({ ...p, n: n + 16 })).toBeGreaterThan(MEMORY_BUDGET_BYTES);
    expect(note).toMatch(/capped to n = \d+ .*256 MB/);
  });

  it('counts the simd tier’s copy of the matrix and COO’s two indices', () => {
    expect(problemBytes({ ...p, tier: 'simd' })).toBeGreaterThan(problemBytes(p));
    expect(problemBytes({ ...p, format: 'coo' })).toBeGreaterThan(problemBytes(p));
  });

  it('caps wide batches to the work budget', () => {
    const { n, note } = capProblem({ ...p, n: 4096, k: 256, dtype: 'f32' });
    expect(n * n * 256).toBeLessThanOrEqual(WORK_BUDGET);
    expect(note).toMatch(/multiply-adds/);
  });
});

describe('toCsv(rows)', () => {
  it('writes a header and quotes cells with commas, quotes or newlines', async () => {
    const { toCsv } = await import('../../src/state/download');
    expect(
      toCsv([
        { a: 1, b: 'x, "y"' },
        { a: null, b: 'z' },
      ]),
    ).toBe('a,b\n1,"x, ""y"""\n,z\n');
    expect(toCsv([])).toBe('');
  });
});
