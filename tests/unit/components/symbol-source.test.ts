import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { symbolSource } from '../../../components/ui/symbolSource';

const read = (path: string): string => readFileSync(path, 'utf8');

describe('symbolSource(text, symbol)', () => {
  it('cuts a TypeScript function with its doc comment and nothing after it', () => {
    const s = symbolSource(read('src/kernels/dense.ts'), 'gemvNaive')!;
    expect(s.startsWith('/**')).toBe(true);
    expect(s).toContain('export function gemvNaive(');
    expect(s.trimEnd().endsWith('}')).toBe(true);
    expect(s).not.toContain('gemvTuned(');
  });

  it('cuts an AssemblyScript kernel and a function without a comment', () => {
    const simd = symbolSource(read('src/kernels/assembly/dot.ts'), 'dotF64')!;
    expect(simd).toContain('f64x2.mul');
    expect(simd).not.toContain('dotF32');
    const typed = symbolSource(read('src/kernels/dot.ts'), 'dotTyped')!;
    expect(typed.split('\n')).toHaveLength(5);
  });

  it('cuts a one-expression arrow const and a function with arrays inside', () => {
    expect(symbolSource(read('src/kernels/interpreter.ts'), 'sumInterpreted')).toMatch(
      /^\/\*\* Σ x_i through the interpreter\. \*\/\nexport const sumInterpreted[\s\S]*;$/,
    );
    const dot = symbolSource(read('src/kernels/interpreter.ts'), 'compileDot')!;
    expect(dot).toContain('Op.JUMP, 8');
    expect(dot).not.toContain('function typeError');
  });

  it('cuts a Python def, and the whole top-level if around a nested one', () => {
    const py = read('src/python/ladder.py');
    expect(symbolSource(py, 'dot_loop')).toBe(
      'def dot_loop(a, b):\n    s = 0.0\n    for i in range(len(a)):\n        s += a[i] * b[i]\n    return s',
    );
    const c = symbolSource(py, 'dot_c_loop')!;
    expect(c.startsWith('if hasattr(math, "sumprod"):')).toBe(true);
    expect(c).toContain('else:');
    expect(c).toContain('sum(map(operator.mul, a, b))');
    expect(c).not.toContain('def gemv_loop');
  });

  it('returns null for a symbol the file does not define', () => {
    expect(symbolSource(read('src/kernels/dot.ts'), 'nope')).toBeNull();
  });
});
