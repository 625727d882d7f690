/**
 * The lab's and the atlas's WebGPU tier on the built page, in Chromium with
 * --enable-unsafe-webgpu (the `webgpu` project): the adapter here is
 * SwiftShader, a software fallback, so every assertion is about correctness
 * and labels, never speed.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watch } from './site';

const lab = (params: Record<string, string | number>, extra = ''): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(`sparsity-lab.${k}`, String(v));
  return `/sparsity/?${q}${extra}`;
};

async function done(page: Page, id: string): Promise<Locator> {
  const w = page.locator(`[data-widget="${id}"]`);
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  return w;
}

test.describe('sparsity-lab, webgpu tier', () => {
  test('measures dense and CSR on the adapter, verified, labels it a software fallback, and shows the uploads', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto(lab({ tier: 'webgpu', n: 128, sparsity: 0.9 }));
    const w = await done(page, 'sparsity-lab');
    await expect(w.getByRole('radio', { name: 'WebGPU' })).toBeChecked();
    await expect(w.getByRole('radio', { name: 'WebGPU' })).toBeEnabled();
    // The adapter is named next to the results, and called a software adapter, not a GPU.
    const adapter = w.locator('.adapter');
    await expect(adapter).toHaveAttribute('data-fallback', 'true');
    await expect(adapter).toContainText('Software adapter, not a GPU');
    await expect(adapter).toContainText('software fallback, not a GPU');
    await expect(w.getByText(/^Dense on the software adapter, gemv-f32-/)).toBeVisible();
    // Its times are never called a GPU's.
    for (const label of await w.locator('dt').allTextContents()) expect(label).not.toContain('GPU');
    for (const name of ['gpu-dense-ms', 'gpu-sparse-ms', 'gpu-speedup', 'gpu-verified']) {
      await expect(w.locator(`[data-metric="${name}"]`), name).toHaveAttribute(
        'data-verified',
        'true',
      );
    }
    expect(Number(await w.locator('[data-metric="gpu-verified"]').getAttribute('data-value'))).toBe(
      1,
    );
    // The CPU's best sparse kernel raced dense on the adapter, on the same problem.
    await expect(w.locator('[data-metric="gpu-vs-cpu-speedup"]')).toHaveAttribute(
      'data-verified',
      'true',
    );
    // What moving the matrix costs, timed apart.
    const upload = Number(
      await w.locator('[data-metric="gpu-upload-ms"]').getAttribute('data-value'),
    );
    expect(upload).toBeGreaterThan(0);
    await expect(w.getByText(/What moving the matrix costs/)).toBeVisible();
    // f64 is not a GPU precision: the rule switched it, and said so.
    await expect(w.getByRole('radio', { name: 'f32 (single)' })).toBeChecked();
    await expect(w.getByRole('status').first()).toContainText('WebGPU computes in f32');
    // Both crossover searches land, sentences say "software adapter", never "GPU".
    const cross = w.locator('[data-metric="gpu-crossover"]');
    await expect(cross).toBeVisible({ timeout: 90_000 });
    await expect(cross).toContainText('software adapter');
    await expect(cross).toContainText('not a GPU');
    const v = Number(await cross.getAttribute('data-value'));
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(0.9999);
    await expect(w.locator('[data-metric="gpu-cpu-crossover"]')).toBeVisible({ timeout: 90_000 });
    // The prose answers the software adapter.
    const prose = page.locator('[data-respond-metric="gpu-adapter"] > .when:not([hidden])');
    await expect(prose).toContainText('software adapter');
    expect(seen.errors).toEqual([]);
  });

  test('a forced device loss is reported, the device reopened, and the point measured again', async ({
    page,
  }) => {
    await page.goto(lab({ tier: 'webgpu', n: 64, sparsity: 0.5 }, '&fault=gpu-lost'));
    const w = await done(page, 'sparsity-lab');
    await expect(w.getByRole('status').first()).toContainText(
      'The GPU device was lost during this measurement (destroyed on purpose by the test build’s gpu-lost fault). It was opened again and the measurement repeated.',
    );
    await expect(w.locator('[data-metric="gpu-verified"]')).toHaveAttribute(
      'data-verified',
      'true',
    );
    // The page keeps working: the next setting measures on the reopened device.
    const job = (await w.getAttribute('data-job'))!;
    await w.getByRole('slider').focus();
    await page.keyboard.press('ArrowRight');
    await expect(w).not.toHaveAttribute('data-job', job);
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(w.locator('[data-metric="gpu-speedup"]')).toHaveAttribute('data-verified', 'true');
  });

  test('SpMM on the adapter (batch > 1, an odd size) verifies', async ({ page }) => {
    await page.goto(lab({ tier: 'webgpu', n: 80, batch: 4, sparsity: 0.95, structure: 'banded' }));
    const w = await done(page, 'sparsity-lab');
    await expect(w.getByText(/gemm-f32/)).toBeVisible();
    await expect(w.locator('[data-metric="gpu-verified"]')).toHaveAttribute(
      'data-verified',
      'true',
    );
  });
});

test('crossover-atlas adds WebGPU rows, labelled as a software adapter', async ({ page }) => {
  await page.goto('/sparsity/?crossover-atlas.n=64&crossover-atlas.gpu=on');
  const w = await done(page, 'crossover-atlas');
  await expect(w.locator('.adapter')).toContainText('a software adapter, not a GPU');
  for (const name of ['crossover-webgpu', 'crossover-webgpu-cpu']) {
    const m = w.locator(`[data-metric="${name}"]`);
    await expect(m, name).toHaveAttribute('data-verified', 'true', { timeout: 90_000 });
  }
  await expect(w.getByRole('cell', { name: 'WebGPU (software)' }).first()).toBeVisible();
  await expect(w.getByRole('cell', { name: /CSR on the same software adapter/ })).toBeVisible();
  // The chart's text alternative names the rows the same way.
  await expect(w.locator('.plot-figure [role="img"]')).toHaveAttribute(
    'aria-label',
    /WebGPU \(software\) unstructured, CSR on the same software adapter/,
  );
});
