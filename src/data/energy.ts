/**
 * The energy ledger: where the joules of a dot product or a matrix-vector
 * product go, arithmetic against moving the operands, from a published table
 * of energy per operation and per access (content/data/horowitz-2014/). Pure:
 * the table comes in as data, and the reader may re-weight any entry.
 */
import doc from '../../content/data/horowitz-2014/energy.json';

export type EnergyStatus = 'V' | 'S' | 'U';

export interface EnergyEntry {
  id: string;
  kind: 'operation' | 'memory';
  label: string;
  /** Operand width of an operation, or bits moved by one access. */
  bits: number;
  /** Picojoules per operation or per access. */
  pj: number;
  /** Top of the range, where the source gives one (DRAM). */
  pjHigh?: number;
  status: EnergyStatus;
}

export interface EnergyTable {
  id: string;
  /** Bibliography key. */
  cite: string;
  label: string;
  process: string;
  voltage: string;
  status: EnergyStatus;
  entries: EnergyEntry[];
}

/** Validates the shipped file's shape (content/data/horowitz-2014/energy.json). */
export function parseEnergyTables(json: unknown): EnergyTable[] {
  const tables = (json as { tables?: unknown }).tables;
  if (!Array.isArray(tables)) throw new Error('energy data: no "tables" array');
  for (const t of tables as EnergyTable[]) {
    if (typeof t.id !== 'string' || !Array.isArray(t.entries)) {
      throw new Error('energy data: a table without id or entries');
    }
    for (const e of t.entries) {
      if (!(e.pj > 0) || !(e.bits > 0) || (e.kind !== 'operation' && e.kind !== 'memory')) {
        throw new Error(`energy data: bad entry "${e.id}" in ${t.id}`);
      }
      if (e.pjHigh !== undefined && !(e.pjHigh >= e.pj)) {
        throw new Error(`energy data: pjHigh below pj for "${e.id}" in ${t.id}`);
      }
    }
  }
  return tables as EnergyTable[];
}

export type OperandSource = 'register' | 'sram-8k' | 'sram-32k' | 'sram-1m' | 'dram';
export const OPERAND_SOURCES: readonly OperandSource[] = [
  'register',
  'sram-8k',
  'sram-32k',
  'sram-1m',
  'dram',
];

export interface LedgerSpec {
  /** `dot`: x·y of length n. `gemv`: y = A x with A n × n. */
  op: 'dot' | 'gemv';
  n: number;
  /** Where the operands come from (and where a matrix-vector product writes y). */
  source: OperandSource;
  /** Operand width: 32-bit or 16-bit floats. */
  precision: 'fp32' | 'fp16';
  /** For a range (DRAM): its low or its high end. */
  estimate: 'low' | 'high';
  /** Picojoules to use instead of the table's, by entry id (the reader's re-weighting). */
  weights?: Readonly<Record<string, number>>;
}

export interface LedgerItem {
  id: string;
  label: string;
  kind: 'operation' | 'memory';
  /** Operations, or operands moved. */
  count: number;
  /** Energy per operation or per operand moved, pJ. */
  pjEach: number;
  pj: number;
  status: EnergyStatus;
  reweighted: boolean;
}

export interface Ledger {
  items: LedgerItem[];
  arithmeticPj: number;
  movementPj: number;
  totalPj: number;
  /** movement / arithmetic. */
  ratio: number;
  /** movement / total. */
  movementShare: number;
  notes: string[];
}

/**
 * Counts the work of the product and prices it.
 *
 *   dot:  n multiplies, n − 1 adds; 2n operands read from `source`.
 *   gemv: n² multiplies, n² − n adds; n² + n operands read (x once: the
 *         ledger assumes it stays close after its first read), n written.
 *
 * A memory entry prices one access of `bits` bits; an operand narrower than
 * that is charged its share (a 32-bit operand pays half of a 64-bit access),
 * as if accesses were always full, as in a streaming read.
 */
export function energyLedger(spec: LedgerSpec, table: EnergyTable): Ledger {
  if (!(spec.n >= 1) || !Number.isInteger(spec.n))
    throw new RangeError('n must be a whole number ≥ 1');
  const notes: string[] = [];
  const bits = spec.precision === 'fp32' ? 32 : 16;
  const find = (id: string): EnergyEntry | undefined => table.entries.find((e) => e.id === id);
  const price = (e: EnergyEntry): { pj: number; reweighted: boolean } => {
    const w = spec.weights?.[e.id];
    if (w !== undefined && w >= 0) return { pj: w, reweighted: true };
    return {
      pj: spec.estimate === 'high' && e.pjHigh !== undefined ? e.pjHigh : e.pj,
      reweighted: false,
    };
  };

  const n = spec.n;
  const multiplies = spec.op === 'dot' ? n : n * n;
  const adds = spec.op === 'dot' ? n - 1 : n * n - n;
  const reads = spec.op === 'dot' ? 2 * n : n * n + n;
  const writes = spec.op === 'dot' ? 0 : n;

  const items: LedgerItem[] = [];
  const p = spec.precision === 'fp32' ? '32' : '16';
  for (const [id, count] of [
    [`fp-mul-${p}`, multiplies],
    [`fp-add-${p}`, adds],
  ] as const) {
    const e = find(id);
    if (!e) {
      notes.push(`${table.label} has no ${id} entry: that arithmetic is not counted.`);
      continue;
    }
    const { pj, reweighted } = price(e);
    items.push({
      id,
      label: e.label,
      kind: 'operation',
      count,
      pjEach: pj,
      pj: pj * count,
      status: e.status,
      reweighted,
    });
  }

  const m = find(spec.source);
  if (!m) {
    notes.push(
      spec.source === 'register'
        ? `${table.label} gives no register-file energy: moving operands from registers is counted as free.`
        : `${table.label} has no ${spec.source} entry: moving the operands is not counted.`,
    );
  } else {
    const { pj, reweighted } = price(m);
    const perOperand = (pj * bits) / m.bits;
    if (reads > 0) {
      items.push({
        id: `${m.id}:read`,
        label: `${m.label}: reads`,
        kind: 'memory',
        count: reads,
        pjEach: perOperand,
        pj: perOperand * reads,
        status: m.status,
        reweighted,
      });
    }
    if (writes > 0) {
      items.push({
        id: `${m.id}:write`,
        label: `${m.label}: writes of y`,
        kind: 'memory',
        count: writes,
        pjEach: perOperand,
        pj: perOperand * writes,
        status: m.status,
        reweighted,
      });
    }
    if (m.status === 'U')
      notes.push(`The ${m.label} figure is unverified: treat it as an order of magnitude.`);
  }

  const arithmeticPj = items.filter((i) => i.kind === 'operation').reduce((s, i) => s + i.pj, 0);
  const movementPj = items.filter((i) => i.kind === 'memory').reduce((s, i) => s + i.pj, 0);
  const totalPj = arithmeticPj + movementPj;
  return {
    items,
    arithmeticPj,
    movementPj,
    totalPj,
    ratio: arithmeticPj > 0 ? movementPj / arithmeticPj : Infinity,
    movementShare: totalPj > 0 ? movementPj / totalPj : 0,
    notes,
  };
}

/** The shipped tables (content/data/horowitz-2014/energy.json), checked. */
export const ENERGY_TABLES: readonly EnergyTable[] = parseEnergyTables(doc);

/** What a ledger's figures must satisfy: its total is the sum of its entries, its counts the closed forms. */
export function ledgerChecks(spec: LedgerSpec, ledger: Ledger): boolean {
  const n = spec.n;
  const expected: Record<string, number> =
    spec.op === 'dot'
      ? { mul: n, add: n - 1, read: 2 * n, write: 0 }
      : { mul: n * n, add: n * n - n, read: n * n + n, write: n };
  const sum = ledger.items.reduce((s, i) => s + i.pj, 0);
  const close = (a: number, b: number): boolean =>
    Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  return (
    close(sum, ledger.totalPj) &&
    close(ledger.arithmeticPj + ledger.movementPj, ledger.totalPj) &&
    ledger.items.every((i) => {
      const kind = i.id.startsWith('fp-mul')
        ? 'mul'
        : i.id.startsWith('fp-add')
          ? 'add'
          : i.id.endsWith(':write')
            ? 'write'
            : 'read';
      return i.count === expected[kind] && close(i.pj, i.count * i.pjEach);
    })
  );
}
