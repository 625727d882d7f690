/**
 * A sheet out of the browser: JSON (the sheet itself, which imports back
 * exactly), CSV (one row per measurement, prediction or answer, for a
 * spreadsheet) and a Markdown report (for a teacher to read).
 */
import { toCsv } from './download';
import type { MetricValue } from './metrics';
import type { Sheet } from './sheet';

/** What a recorded number means when it sits at the end of the range searched or within noise. */
export function qualifier(m: MetricValue): string {
  const words = [
    m.bound === 'above' ? 'never won in the range searched' : '',
    m.bound === 'below' ? 'won from the start of the range' : '',
    m.bound === 'noise' ? 'within noise of 1×' : '',
    m.band ? `band ${m.band[0]}–${m.band[1]}` : '',
    m.noisy ? 'noisy' : '',
  ];
  return words.filter(Boolean).join('; ');
}

export function sheetJson(sheet: Sheet): string {
  return `${JSON.stringify(sheet, null, 2)}\n`;
}

export function sheetCsv(sheet: Sheet): string {
  const rows: Record<string, string | number | boolean | null>[] = [];
  const base = { student: sheet.student, assignment: sheet.assignment };
  for (const [exercise, a] of Object.entries(sheet.answers)) {
    if (a.prediction)
      rows.push({
        ...base,
        exercise,
        kind: 'prediction',
        name: '',
        value: a.prediction.value,
        at: a.prediction.at,
        verified: null,
        note: '',
        settings: '',
        browser: '',
        cores: null,
        timer_ms: null,
        isolated: null,
      });
    if (a.numeric)
      rows.push({
        ...base,
        exercise,
        kind: 'numeric answer',
        name: '',
        value: a.numeric.value,
        at: a.numeric.at,
        verified: null,
        note: '',
        settings: '',
        browser: '',
        cores: null,
        timer_ms: null,
        isolated: null,
      });
    if (a.text)
      rows.push({
        ...base,
        exercise,
        kind: 'answer',
        name: '',
        value: a.text,
        at: a.updated,
        verified: null,
        note: '',
        settings: '',
        browser: '',
        cores: null,
        timer_ms: null,
        isolated: null,
      });
  }
  for (const r of sheet.recordings) {
    const settings = Object.entries(r.params)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    for (const [name, m] of Object.entries(r.metrics)) {
      rows.push({
        ...base,
        exercise: r.exercise,
        kind: 'measurement',
        name,
        value: m.value,
        at: r.at,
        verified: m.verified ?? null,
        note: qualifier(m),
        settings,
        browser: r.machine.userAgent,
        cores: r.machine.cores,
        timer_ms: r.machine.timerResolutionMs,
        isolated: r.machine.isolated,
      });
    }
  }
  return toCsv(rows);
}

export interface ReportExercise {
  id: string;
  title: string;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function sheetMarkdown(
  sheet: Sheet,
  title: string,
  exercises: readonly ReportExercise[],
): string {
  const lines = [
    `# ${title}`,
    '',
    `- Student: ${sheet.student || '(no name given)'}`,
    `- Started: ${sheet.created}`,
    `- Last change: ${sheet.updated}`,
  ];
  const machines = [
    ...new Set(
      sheet.recordings.map(
        (r) =>
          `${r.machine.userAgent} · ${r.machine.cores} cores · timer ${r.machine.timerResolutionMs} ms${r.machine.isolated ? ' (isolated)' : ''}`,
      ),
    ),
  ];
  for (const m of machines) lines.push(`- Machine: ${m}`);
  for (const ex of exercises) {
    const a = sheet.answers[ex.id];
    const recs = sheet.recordings.filter((r) => r.exercise === ex.id);
    lines.push('', `## ${ex.title}`, '');
    lines.push(
      `Prediction: ${a?.prediction ? `${a.prediction.value} (${a.prediction.at})` : '—'}`,
      '',
    );
    if (recs.length > 0) {
      lines.push('| recorded | measurement | value | checked |', '| --- | --- | --- | --- |');
      for (const r of recs) {
        for (const [name, m] of Object.entries(r.metrics)) {
          lines.push(
            `| ${r.at} | ${cell(name)} | ${m.value}${qualifier(m) ? ` (${qualifier(m)})` : ''} | ${m.verified === undefined ? '' : m.verified ? 'yes' : 'no'} |`,
          );
        }
      }
      lines.push('');
    }
    if (a?.numeric) lines.push(`Number given: ${a.numeric.value}`, '');
    lines.push(`Answer: ${a?.text ? a.text : '—'}`);
  }
  return `${lines.join('\n')}\n`;
}
