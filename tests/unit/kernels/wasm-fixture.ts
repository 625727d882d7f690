/** Loads build/wasm/kernels.wasm for tests, running `npm run build:wasm` first when it is missing or stale. */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadSimdKernels, type SimdKernels } from '../../../src/kernels/wasm';

const WASM = 'build/wasm/kernels.wasm';
const SOURCES = 'src/kernels/assembly';

function stale(): boolean {
  if (!existsSync(WASM)) return true;
  const built = statSync(WASM).mtimeMs;
  return readdirSync(SOURCES).some((f) => statSync(join(SOURCES, f)).mtimeMs > built);
}

export async function loadKernelsForTest(): Promise<SimdKernels> {
  if (stale()) execSync('npm run build:wasm', { stdio: 'inherit' });
  return loadSimdKernels(readFileSync(WASM));
}
