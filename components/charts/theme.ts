/**
 * What every chart shares: Plot's base style and the palette, as the design
 * tokens' CSS custom properties (so charts follow light and dark, and look
 * the same inside a shadow root), plus tick helpers for log scales.
 */
export const PLOT_STYLE = {
  fontFamily: 'var(--font-sans)',
  fontSize: '12px',
  background: 'transparent',
} as const;

/** Roles, not hues: --dense and --sparse stay distinct under colour-vision deficiencies. */
export const COLOR = {
  dense: 'var(--dense)',
  sparse: 'var(--sparse)',
  ok: 'var(--ok)',
  danger: 'var(--danger)',
  accent: 'var(--accent)',
  muted: 'var(--muted)',
  background: 'var(--bg)',
} as const;

/** Shipped reference series (another machine): muted hues, dashed, never the reader's colours; ≥ 3:1 on both backgrounds. */
export const REFERENCE_COLORS = ['#7f7f7f', '#9467bd', '#8c564b', '#178c99', '#8a8b12'] as const;

/** A chart's height for its width: wide enough to read, never taller than a screenful. */
export const chartHeight = (width: number, ratio = 0.5, min = 220, max = 340): number =>
  Math.max(min, Math.min(max, width * ratio));

/** Labelled log ticks in 1-2-5 steps between lo and hi (a log scale's defaults crowd the axis). */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) ticks.push(Number(v.toPrecision(1)));
    }
  }
  return ticks;
}

/** One tick per decade between lo and hi. */
export function decadeTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) ticks.push(10 ** e);
  return ticks;
}
