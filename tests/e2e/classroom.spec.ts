/**
 * The classroom (issue 13), as a student and a teacher would use it: answers
 * and recordings survive a reload; a sheet exported in one browser opens in
 * another exactly; bad files change nothing and say why; every exercise's
 * widget measures; a classmate's sheet overlays; the class view plots a
 * class; storage refused still works; the print is a handout.
 *
 * tests/fixtures/sparsity-sheet.json is a real student's export (the walk
 * through in the closing note), measured in Chromium on this project's
 * CI machine.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chartProblems } from './site';

const ASSIGNMENT = '/assignments/sparsity/';
const FIXTURE = 'tests/fixtures/sparsity-sheet.json';
const fixtureText = readFileSync(FIXTURE, 'utf8');
mkdirSync('test-results', { recursive: true });

const sheetBar = (page: Page): Locator => page.getByRole('region', { name: 'Your answer sheet' });
const exercise = (page: Page, id: string): Locator => page.locator(`[data-exercise="${id}"]`);
/** The exercise's table of the student's latest recording. */
const recording = (ex: Locator): Locator => ex.locator('.exercise-runtime > .table-scroll table');

async function open(page: Page): Promise<void> {
  await page.goto(ASSIGNMENT);
  await expect(sheetBar(page).getByRole('status').first()).toContainText(
    /Saved in this browser|Only in this tab/,
  );
}

/** Locks a prediction and waits for the exercise's widget to finish measuring. */
async function predictAndMeasure(page: Page, id: string, prediction: string): Promise<Locator> {
  const ex = exercise(page, id);
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('textbox').first().fill(prediction);
  await ex.getByRole('button', { name: 'Lock in my prediction' }).click();
  const w = ex.locator('[data-widget]');
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(w).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
  return ex;
}

async function exportJson(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    sheetBar(page).getByRole('button', { name: 'JSON', exact: true }).click(),
  ]);
  return readFileSync((await download.path())!, 'utf8');
}

/** Waits until the sheet's latest change is in IndexedDB. */
async function saved(page: Page): Promise<void> {
  await expect(sheetBar(page).getByRole('status').first()).toHaveText(/Saved in this browser/);
}

test.describe('a student’s sheet', () => {
  test('record, reload: the name, prediction, number, explanation and recording are all still there', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await open(page);
    await sheetBar(page).getByLabel('Your name (for the exports)').fill('Grace');
    const ex = await predictAndMeasure(page, 'crossover', '95');
    await ex.getByRole('button', { name: 'Record this measurement' }).click();
    await expect(ex.getByRole('status').filter({ hasText: 'Recorded' })).toContainText(
      /Recorded \d+ measurements/,
    );
    await ex.getByRole('textbox', { name: /Was your prediction/ }).fill('Lower than I thought.');
    const bytes = exercise(page, 'bytes');
    await bytes.getByRole('textbox', { name: /Bytes of the CSR matrix/ }).fill('211764');
    await bytes.getByRole('button', { name: 'Check' }).click();
    await expect(bytes.getByText('✓ Right')).toBeVisible();
    const speedup = await recording(ex)
      .getByRole('row', { name: /Speedup of sparse/ })
      .textContent();
    await saved(page);

    await page.reload();
    await expect(sheetBar(page).getByLabel('Your name (for the exports)')).toHaveValue('Grace');
    const again = exercise(page, 'crossover');
    await expect(again.getByText('95 (locked in)')).toBeVisible();
    await expect(again.getByRole('textbox', { name: /Was your prediction/ })).toHaveValue(
      'Lower than I thought.',
    );
    await expect(recording(again)).toContainText('Your recording');
    await expect(recording(again).getByRole('row', { name: /Speedup of sparse/ })).toHaveText(
      speedup!,
    );
    await expect(
      exercise(page, 'bytes').getByRole('textbox', { name: /Bytes of the CSR/ }),
    ).toHaveAttribute('placeholder', '211764');
  });

  test('a wrong byte count is marked wrong, and the answer is checked to the byte', async ({
    page,
  }) => {
    await open(page);
    const bytes = exercise(page, 'bytes');
    for (const wrong of ['211760', '2.1e5', 'lots']) {
      await bytes.getByRole('textbox', { name: /Bytes of the CSR matrix/ }).fill(wrong);
      await bytes.getByRole('button', { name: 'Check' }).click();
      await expect(bytes.getByText('✗ Not yet')).toBeVisible();
    }
  });

  test('start over asks first; keeping changes nothing, deleting survives a reload', async ({
    page,
  }) => {
    await open(page);
    await sheetBar(page).getByLabel('Your name (for the exports)').fill('Linus');
    await saved(page);
    await sheetBar(page).getByRole('button', { name: 'Start over…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Keep them' }).click();
    await expect(sheetBar(page).getByLabel('Your name (for the exports)')).toHaveValue('Linus');
    await sheetBar(page).getByRole('button', { name: 'Start over…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete my answers' }).click();
    await expect(sheetBar(page).getByLabel('Your name (for the exports)')).toHaveValue('');
    await page.reload();
    await expect(sheetBar(page).getByLabel('Your name (for the exports)')).toHaveValue('');
  });

  test('storage refused: the page says so and keeps working in memory', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException(
            'The user denied permission to access the database.',
            'SecurityError',
          );
        },
      });
    });
    await page.goto(ASSIGNMENT);
    await expect(sheetBar(page).getByRole('status').first()).toContainText(
      /Only in this tab\. This browser would not let the page open your answers \(SecurityError/,
    );
    await sheetBar(page).getByLabel('Your name (for the exports)').fill('Ada');
    const ex = exercise(page, 'break-even');
    await ex.getByRole('textbox').first().fill('50');
    await ex.getByRole('button', { name: 'Lock in my prediction' }).click();
    await expect(ex.getByText('50 (locked in)')).toBeVisible();
    expect(JSON.parse(await exportJson(page)).student).toBe('Ada');
  });
});

test.describe('export and import', () => {
  test('a sheet exported in one browser opens in a fresh one exactly, and exports again byte for byte', async ({
    browser,
  }) => {
    const a = await browser.newContext();
    const pa = await a.newPage();
    await open(pa);
    await pa.getByRole('button', { name: 'Open a saved sheet (JSON)' }).setInputFiles(FIXTURE);
    await expect(sheetBar(pa).getByRole('status').filter({ hasText: 'Opened' })).toContainText(
      /Opened sparsity-sheet\.json: \d+ recordings/,
    );
    await saved(pa);
    const first = await exportJson(pa);
    expect(JSON.parse(first)).toEqual(JSON.parse(fixtureText));
    await a.close();

    const b = await browser.newContext();
    const pb = await b.newPage();
    await open(pb);
    await pb.getByRole('button', { name: 'Open a saved sheet (JSON)' }).setInputFiles({
      name: 'from-a.json',
      mimeType: 'application/json',
      buffer: Buffer.from(first),
    });
    await saved(pb);
    expect(await exportJson(pb)).toBe(first);
    // And what the student sees is the file's: name, predictions, recordings.
    const fixture = JSON.parse(fixtureText) as { student: string };
    await expect(sheetBar(pb).getByLabel('Your name (for the exports)')).toHaveValue(
      fixture.student,
    );
    await expect(recording(exercise(pb, 'crossover'))).toContainText('Crossover');
    await b.close();
  });

  for (const [what, file, reason] of [
    [
      'a corrupted file',
      { name: 'broken.json', buffer: Buffer.from(fixtureText.slice(0, fixtureText.length / 2)) },
      /is not JSON/,
    ],
    [
      'a sheet from another assignment',
      {
        name: 'other.json',
        buffer: Buffer.from(
          fixtureText.replace('"assignment": "sparsity"', '"assignment": "numpy-and-python"'),
        ),
      },
      /numpy-and-python/,
    ],
    [
      'a foreign JSON file',
      { name: 'package.json', buffer: readFileSync('package.json') },
      /not an answer sheet/,
    ],
    ['a 50 MB file', { name: 'huge.json', size: 50 * 2 ** 20 }, /50\.0 MB/],
  ] as const) {
    test(`${what} changes nothing and says why`, async ({ page }) => {
      await open(page);
      await sheetBar(page).getByLabel('Your name (for the exports)').fill('Keep me');
      await saved(page);
      const before = await exportJson(page);
      // Playwright passes buffers up to 50 MB; a bigger file goes through the disk.
      const files =
        'size' in file
          ? (writeFileSync(`test-results/${file.name}`, Buffer.alloc(file.size, 32)),
            `test-results/${file.name}`)
          : { ...file, mimeType: 'application/json' };
      for (const input of ['Open a saved sheet (JSON)', 'Compare with classmates’ sheets']) {
        await page.getByRole('button', { name: input }).setInputFiles(files);
        const alert = sheetBar(page).getByRole('alert');
        await expect(alert).toContainText(file.name);
        await expect(alert).toContainText(reason);
        await expect(alert).toContainText('Nothing was changed.');
      }
      expect(await exportJson(page)).toBe(before);
      await expect(page.getByRole('button', { name: 'Stop comparing' })).toHaveCount(0);
      await page.reload();
      await expect(sheetBar(page).getByLabel('Your name (for the exports)')).toHaveValue('Keep me');
    });
  }

  test('a classmate’s sheet is overlaid beside yours: "your laptop vs theirs"', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await open(page);
    const ex = await predictAndMeasure(page, 'break-even', '50');
    await ex.getByRole('button', { name: 'Record this measurement' }).click();
    await page
      .getByRole('button', { name: 'Compare with classmates’ sheets' })
      .setInputFiles(FIXTURE);
    const student = (JSON.parse(fixtureText) as { student: string }).student;
    const compare = ex.locator('.compare');
    await expect(compare).toContainText(student);
    await expect(compare).toContainText('you');
    // The byte counts are the same on every machine, so the two columns agree.
    const row = compare.getByRole('row', { name: /CSR break-even, f32/ });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.length).toBeGreaterThanOrEqual(2);
    expect(new Set(cells.map((c) => c.trim())).size).toBe(1);
    // The overlay's chart is hidden from screen readers in favour of that table.
    expect(await chartProblems(compare)).toEqual([]);
  });
});

for (const assignment of [
  'hardware-lottery',
  'von-neumann-bottleneck',
  'numpy-and-python',
  'sparsity',
]) {
  test(`${assignment}: every exercise’s preset brings its widget to done, is recorded, and the page stays accessible`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.goto(`/assignments/${assignment}/`);
    await expect(sheetBar(page).getByRole('status').first()).toContainText(
      /Saved in this browser|Only in this tab/,
    );
    const ids = await page
      .locator('[data-exercise]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-exercise')!));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    let measured = 0;
    for (const id of ids) {
      const ex = exercise(page, id);
      if ((await ex.getByRole('button', { name: 'Lock in my prediction' }).count()) === 0) continue;
      await predictAndMeasure(page, id, '50');
      const loadPython = ex.getByRole('button', { name: /Load CPython/ });
      if ((await loadPython.count()) > 0) {
        await loadPython.click();
        // CPython's rungs are measured once it has loaded: the recording must carry them.
        await expect(ex.locator('[data-metric="python-over-simd"]').first()).toBeAttached({
          timeout: 180_000,
        });
      }
      const record = ex.getByRole('button', { name: 'Record this measurement' });
      if ((await record.count()) === 0) continue; // read-only: reference data, nothing to record
      await expect(record).toBeEnabled({ timeout: 180_000 });
      await record.click();
      await expect(recording(ex)).toContainText('Your recording');
      await expect(recording(ex)).not.toContainText('NaN');
      measured++;
    }
    expect(measured).toBeGreaterThanOrEqual(2);
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      violations.map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  });
}

test('the class view plots everyone’s crossover, and refuses a bad file without losing the rest', async ({
  page,
}) => {
  await page.goto('/assignments/sparsity/class/');
  const classmate = fixtureText
    .replace(/"student": "[^"]*"/, '"student": "Classmate"')
    .replace(/"value": 0\.\d+/, '"value": 0.61');
  await page.getByRole('button', { name: /Add students’ sheets/ }).setInputFiles([
    { name: 'sparsity-sheet.json', mimeType: 'application/json', buffer: Buffer.from(fixtureText) },
    { name: 'classmate.json', mimeType: 'application/json', buffer: Buffer.from(classmate) },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"assignment":') },
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'loaded' })).toHaveText(
    '2 sheets loaded.',
  );
  await expect(page.getByRole('alert')).toContainText('broken.json');
  await expect(page.getByRole('combobox', { name: 'Measurement' })).toHaveValue(
    'crossover · crossover',
  );
  await expect(page.locator('.class-view svg').first()).toBeVisible();
  const table = page.locator('.class-view table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Classmate');
  await expect(table).toContainText((JSON.parse(fixtureText) as { student: string }).student);
  // The chart drawn, the page still passes axe, and the chart's numbers are in text too.
  expect(await chartProblems(page.locator('.class-view'))).toEqual([]);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
});

test('a share link reproduces the exercise’s widget, settings and seed, on its chapter', async ({
  browser,
}) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await open(page);
  const ex = await predictAndMeasure(page, 'batch', 'higher');
  await ex.getByRole('button', { name: 'Copy link' }).click();
  await expect(ex.getByText('Link copied.')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/sparsity\/\?.*sparsity-lab\.batch=64.*#widget-sparsity-lab$/);
  await page.goto(link);
  const lab = page.locator('[data-widget="sparsity-lab"]');
  await expect(lab).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(lab.getByLabel('Seed')).toHaveValue('7');
  await expect(lab.getByRole('combobox', { name: 'Batch' })).toHaveValue('64');
  await context.close();
});

test('the assignment prints as a handout: questions and answer space, no controls', async ({
  page,
}) => {
  await open(page);
  await page.emulateMedia({ media: 'print' });
  await expect(sheetBar(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Lock in my prediction' }).first()).toBeHidden();
  await expect(page.getByText('Name:', { exact: false }).first()).toBeVisible();
  await expect(exercise(page, 'crossover').getByRole('heading', { level: 2 })).toBeVisible();
  await page.screenshot({
    path: 'test-results/screenshots/assignment-sparsity-print.png',
    fullPage: true,
  });
});
