/**
 * The ladder's CPython rungs (src/python/ladder.py) behind the runner the
 * measurement calls (src/bench/ladder.ts, `PythonLadderRunner`). The module
 * is written into Pyodide's file system and imported, so it has its own
 * namespace; its functions are held as proxies and called directly.
 */
import type { PythonKernel, PythonLadderRunner } from '../bench/ladder';
import type { CPython } from './cpython';
import LADDER_PY from './ladder.py?raw';

interface PyFunction {
  (...args: unknown[]): unknown;
  destroy(): void;
}
interface ToJs {
  toJs(): unknown;
  destroy(): void;
}

export function createLadderRunner(python: CPython): PythonLadderRunner {
  const { api } = python;
  api.FS.writeFile('/home/pyodide/ladder.py', LADDER_PY);
  // A module proxy exposes the module's attributes as properties.
  const module = api.pyimport('ladder') as unknown as Record<string, unknown>;
  const fn = (name: string) => module[name] as PyFunction;
  const [setDot, setGemv, run, result, clear] = [
    fn('set_dot'),
    fn('set_gemv'),
    fn('run'),
    fn('result'),
    fn('clear'),
  ];
  const cLoop = String(module['C_LOOP']);
  return {
    description: `CPython ${python.version} (Pyodide ${python.pyodideVersion}, WebAssembly)`,
    cLoop,
    setDot: (a, b) => void setDot(a, b),
    setGemv: (a, rows, cols, x) => void setGemv(a, rows, cols, x),
    run: (kernel: PythonKernel, reps: number) => void run(kernel, reps),
    result() {
      const list = result() as ToJs;
      try {
        return Float64Array.from(list.toJs() as number[]);
      } finally {
        list.destroy();
      }
    },
    clear: () => void clear(),
  };
}
