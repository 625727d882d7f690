/** Loads build/wasm/kernels.wasm for tests, building it first when it is missing or stale. */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadSimdKernels, type SimdKernels } from '../../../src/kernels/wasm';

const WASM = 'build/wasm/kernels.wasm';
const SOURCES = 'src/kernels/assembly';

function stale(): boolean {
  if (!existsSync(WASM)) return true;
  const built = statSync(WASM).mtimeMs;
  return readdirSync(SOURCES).some((f) => statSync(join(SOURCES, f)).mtimeMs > built);
}

/**
 * Runs package.json's build:wasm with a private output file, then renames it into
 * place: test files run in parallel, and a reader must never see a half-written module.
 */
function build(): void {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    scripts: Record<string, string>;
  };
  const tmp = `${WASM}.${process.pid}.tmp`;
  const command = pkg.scripts['build:wasm']!.replace(`--outFile ${WASM}`, `--outFile ${tmp}`);
  execSync(`npx ${command}`, { stdio: 'inherit' });
  renameSync(tmp, WASM);
}

export async function loadKernelsForTest(): Promise<SimdKernels> {
  if (stale()) build();
  return loadSimdKernels(readFileSync(WASM));
}
