/**
 * A tiny bytecode interpreter, to measure an interpreter's tax for real.
 *
 * It is built like CPython's evaluation loop, in miniature: a stack machine
 * that fetches an opcode, dispatches on it, and pushes and pops *boxed*
 * values (every number is an object, every arithmetic result a fresh
 * allocation, every list element a pointer to a box). The dot product it runs
 * is the same one the typed-array kernels compute; the difference in speed is
 * the cost of dispatch, boxing and type checks on every element.
 *
 *   dot(a, b, n):                  bytecode (see `disassemble`)
 *     sum = 0; i = 0               CONST 0; STORE sum; CONST 0; STORE i
 *     while i < n:                 loop: LOAD i; LOAD n; LT; JUMP_IF_FALSE end
 *       sum = sum + a[i] * b[i]      LOAD sum; LOAD a; LOAD i; INDEX; LOAD b; LOAD i; INDEX; MUL; ADD; STORE sum
 *       i = i + 1                    LOAD i; CONST 1; ADD; STORE i; JUMP loop
 *     return sum                   end: LOAD sum; RETURN
 */

export type Value = NumberBox | BoolBox | ListBox;
export interface NumberBox {
  readonly kind: 'number';
  readonly value: number;
}
export interface BoolBox {
  readonly kind: 'bool';
  readonly value: boolean;
}
export interface ListBox {
  readonly kind: 'list';
  /** Mutable, as a Python list is: STORE_INDEX writes into it. */
  readonly items: Value[];
}

export const Op = {
  CONST: 0,
  LOAD: 1,
  STORE: 2,
  INDEX: 3,
  ADD: 4,
  MUL: 5,
  LT: 6,
  JUMP: 7,
  JUMP_IF_FALSE: 8,
  RETURN: 9,
  DIV: 10,
  STORE_INDEX: 11,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];
const OP_NAMES = Object.keys(Op) as (keyof typeof Op)[];
/** Opcodes followed by one operand. */
const HAS_ARG = new Set<number>([Op.CONST, Op.LOAD, Op.STORE, Op.JUMP, Op.JUMP_IF_FALSE]);

export interface Program {
  readonly code: Int32Array;
  readonly constants: readonly Value[];
  readonly localNames: readonly string[];
}

export const box = (value: number): NumberBox => ({ kind: 'number', value });
export const boxList = (xs: ArrayLike<number>): ListBox => ({
  kind: 'list',
  items: Array.from(xs, box),
});

/** The dot product above, as bytecode. Locals: a, b, n, i, sum. */
export function compileDot(): Program {
  const [A, B, N, I, SUM] = [0, 1, 2, 3, 4];
  // One statement of the source per line, like the listing above.
  // prettier-ignore
  const code = [
    Op.CONST, 0, Op.STORE, SUM,
    Op.CONST, 0, Op.STORE, I,
    // loop (pc 8):
    Op.LOAD, I, Op.LOAD, N, Op.LT, Op.JUMP_IF_FALSE, 40,
    Op.LOAD, SUM, Op.LOAD, A, Op.LOAD, I, Op.INDEX, Op.LOAD, B, Op.LOAD, I, Op.INDEX, Op.MUL, Op.ADD, Op.STORE, SUM,
    Op.LOAD, I, Op.CONST, 1, Op.ADD, Op.STORE, I, Op.JUMP, 8,
    // end (pc 40):
    Op.LOAD, SUM, Op.RETURN,
  ];
  return {
    code: Int32Array.from(code),
    constants: [box(0), box(1)],
    localNames: ['a', 'b', 'n', 'i', 'sum'],
  };
}

function typeError(op: string, v: Value): never {
  throw new TypeError(`${op} cannot take a ${v.kind}`);
}

/** Runs a program with the given locals; returns what RETURN popped. */
export function interpret(program: Program, args: readonly Value[]): Value {
  const { code, constants } = program;
  const locals: Value[] = program.localNames.map((_, i) => args[i] ?? box(0));
  const stack: Value[] = [];
  let pc = 0;
  for (;;) {
    const op = code[pc++]!;
    switch (op) {
      case Op.CONST:
        stack.push(constants[code[pc++]!]!);
        break;
      case Op.LOAD:
        stack.push(locals[code[pc++]!]!);
        break;
      case Op.STORE:
        locals[code[pc++]!] = stack.pop()!;
        break;
      case Op.INDEX: {
        const index = stack.pop()!;
        const list = stack.pop()!;
        if (list.kind !== 'list') typeError('INDEX', list);
        if (index.kind !== 'number') typeError('INDEX', index);
        const item = list.items[index.value];
        if (item === undefined) throw new RangeError(`index ${index.value} out of range`);
        stack.push(item);
        break;
      }
      case Op.ADD:
      case Op.MUL:
      case Op.DIV:
      case Op.LT: {
        const right = stack.pop()!;
        const left = stack.pop()!;
        if (left.kind !== 'number') typeError(OP_NAMES[op]!, left);
        if (right.kind !== 'number') typeError(OP_NAMES[op]!, right);
        // A fresh box per result, as an object-based interpreter must.
        if (op === Op.ADD) stack.push(box(left.value + right.value));
        else if (op === Op.MUL) stack.push(box(left.value * right.value));
        else if (op === Op.DIV) {
          // Python raises on x / 0 rather than returning Infinity; so does this interpreter.
          if (right.value === 0) throw new RangeError('division by zero');
          stack.push(box(left.value / right.value));
        } else stack.push({ kind: 'bool', value: left.value < right.value });
        break;
      }
      case Op.STORE_INDEX: {
        // list[index] = value, popped in the order they were pushed: list, index, value.
        const value = stack.pop()!;
        const index = stack.pop()!;
        const list = stack.pop()!;
        if (list.kind !== 'list') typeError('STORE_INDEX', list);
        if (index.kind !== 'number') typeError('STORE_INDEX', index);
        if (!(index.value >= 0 && index.value < list.items.length))
          throw new RangeError(`index ${index.value} out of range`);
        list.items[index.value] = value;
        break;
      }
      case Op.JUMP:
        pc = code[pc]!;
        break;
      case Op.JUMP_IF_FALSE: {
        const target = code[pc++]!;
        const cond = stack.pop()!;
        if (cond.kind !== 'bool') typeError('JUMP_IF_FALSE', cond);
        if (!cond.value) pc = target;
        break;
      }
      case Op.RETURN:
        return stack.pop()!;
      default:
        throw new Error(`bad opcode ${op} at ${pc - 1}`);
    }
  }
}

/** Σ a_i·b_i through the interpreter. Box the lists once, outside any timing. */
export function dotInterpreted(program: Program, a: ListBox, b: ListBox): number {
  const n = Math.min(a.items.length, b.items.length);
  const result = interpret(program, [a, b, box(n)]);
  if (result.kind !== 'number') typeError('RETURN', result);
  return result.value;
}

// ------------------------------------------------ more programs, assembled

/**
 * One line of assembly: an opcode, its operand (a local's name for LOAD and
 * STORE, a label for jumps, a number for CONST), or a label ending in ':'.
 */
export type AsmLine =
  `${string}:` | readonly [keyof typeof Op] | readonly [keyof typeof Op, string | number];

/** Turns assembly with named locals and labels into a Program (two passes: labels, then code). */
export function assemble(localNames: readonly string[], lines: readonly AsmLine[]): Program {
  const labels = new Map<string, number>();
  let pc = 0;
  for (const line of lines) {
    if (typeof line === 'string') labels.set(line.slice(0, -1), pc);
    else pc += HAS_ARG.has(Op[line[0]]) ? 2 : 1;
  }
  const code: number[] = [];
  const constants: Value[] = [];
  for (const line of lines) {
    if (typeof line === 'string') continue;
    const [name, arg] = line;
    const op = Op[name];
    code.push(op);
    if (!HAS_ARG.has(op)) continue;
    if (op === Op.CONST) {
      if (typeof arg !== 'number') throw new Error(`CONST needs a number, not ${String(arg)}`);
      let k = constants.findIndex((c) => c.kind === 'number' && c.value === arg);
      if (k < 0) k = constants.push(box(arg)) - 1;
      code.push(k);
    } else if (op === Op.LOAD || op === Op.STORE) {
      const k = localNames.indexOf(String(arg));
      if (k < 0) throw new Error(`unknown local ${String(arg)}`);
      code.push(k);
    } else {
      const target = labels.get(String(arg));
      if (target === undefined) throw new Error(`unknown label ${String(arg)}`);
      code.push(target);
    }
  }
  return { code: Int32Array.from(code), constants, localNames };
}

/** The loop head and tail every element-wise program shares: `for i in range(n): <body>`. */
function forEach(body: readonly AsmLine[], result: readonly AsmLine[]): AsmLine[] {
  // prettier-ignore
  return [
    ['CONST', 0], ['STORE', 'i'],
    'loop:', ['LOAD', 'i'], ['LOAD', 'n'], ['LT'], ['JUMP_IF_FALSE', 'end'],
    ...body,
    ['LOAD', 'i'], ['CONST', 1], ['ADD'], ['STORE', 'i'], ['JUMP', 'loop'],
    'end:', ...result, ['RETURN'],
  ];
}

/** s = 0; for i in range(n): s = s + x[i]; return s.  Locals: x, n, i, s. */
export function compileSum(): Program {
  // prettier-ignore
  return assemble(['x', 'n', 'i', 's'], [
    ['CONST', 0], ['STORE', 's'],
    ...forEach(
      [['LOAD', 's'], ['LOAD', 'x'], ['LOAD', 'i'], ['INDEX'], ['ADD'], ['STORE', 's']],
      [['LOAD', 's']],
    ),
  ]);
}

/**
 * for i in range(n): z[i] = alpha * x[i] + y[i].  Locals: alpha, x, y, z, n, i.
 * BLAS's axpy overwrites y; writing a third list keeps every call's work identical.
 */
export function compileAxpy(): Program {
  // prettier-ignore
  return assemble(['alpha', 'x', 'y', 'z', 'n', 'i'], forEach(
    [
      ['LOAD', 'z'], ['LOAD', 'i'],
      ['LOAD', 'alpha'], ['LOAD', 'x'], ['LOAD', 'i'], ['INDEX'], ['MUL'],
      ['LOAD', 'y'], ['LOAD', 'i'], ['INDEX'], ['ADD'],
      ['STORE_INDEX'],
    ],
    [['LOAD', 'z']],
  ));
}

/** for i in range(n): y[i] = 1 / x[i] (VanderPlas's reciprocal example).  Locals: x, y, n, i. */
export function compileReciprocal(): Program {
  // prettier-ignore
  return assemble(['x', 'y', 'n', 'i'], forEach(
    [['LOAD', 'y'], ['LOAD', 'i'], ['CONST', 1], ['LOAD', 'x'], ['LOAD', 'i'], ['INDEX'], ['DIV'], ['STORE_INDEX']],
    [['LOAD', 'y']],
  ));
}

/**
 * y = A x with A a list of row lists, as Python code without NumPy holds a matrix:
 *   for i in range(rows):
 *     row = a[i]; s = 0
 *     for j in range(cols): s = s + row[j] * x[j]
 *     y[i] = s
 * Locals: a, x, y, rows, cols, i, j, row, s.
 */
export function compileGemv(): Program {
  // prettier-ignore
  return assemble(['a', 'x', 'y', 'rows', 'cols', 'i', 'j', 'row', 's'], [
    ['CONST', 0], ['STORE', 'i'],
    'rows:', ['LOAD', 'i'], ['LOAD', 'rows'], ['LT'], ['JUMP_IF_FALSE', 'end'],
    ['LOAD', 'a'], ['LOAD', 'i'], ['INDEX'], ['STORE', 'row'],
    ['CONST', 0], ['STORE', 's'], ['CONST', 0], ['STORE', 'j'],
    'cols:', ['LOAD', 'j'], ['LOAD', 'cols'], ['LT'], ['JUMP_IF_FALSE', 'store'],
    ['LOAD', 's'], ['LOAD', 'row'], ['LOAD', 'j'], ['INDEX'], ['LOAD', 'x'], ['LOAD', 'j'], ['INDEX'], ['MUL'], ['ADD'], ['STORE', 's'],
    ['LOAD', 'j'], ['CONST', 1], ['ADD'], ['STORE', 'j'], ['JUMP', 'cols'],
    'store:', ['LOAD', 'y'], ['LOAD', 'i'], ['LOAD', 's'], ['STORE_INDEX'],
    ['LOAD', 'i'], ['CONST', 1], ['ADD'], ['STORE', 'i'], ['JUMP', 'rows'],
    'end:', ['LOAD', 'y'], ['RETURN'],
  ]);
}

/** A list of n boxed zeros: the output list an interpreted kernel writes into. */
export const boxZeros = (n: number): ListBox => ({
  kind: 'list',
  items: Array.from({ length: n }, () => box(0)),
});

/** A rows × cols row-major array as a list of row lists. */
export function boxRows(data: ArrayLike<number>, rows: number, cols: number): ListBox {
  const items: Value[] = [];
  for (let i = 0; i < rows; i++) {
    const row: Value[] = [];
    for (let j = 0; j < cols; j++) row.push(box(data[i * cols + j]!));
    items.push({ kind: 'list', items: row });
  }
  return { kind: 'list', items };
}

/** Copies a list of numbers out of its boxes (for verification, never timed). */
export function unboxList(list: ListBox, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) {
    const v = list.items[i];
    if (v?.kind !== 'number') throw new TypeError(`item ${i} is not a number`);
    out[i] = v.value;
  }
  return out;
}

function returnedList(program: Program, args: readonly Value[]): ListBox {
  const result = interpret(program, args);
  if (result.kind !== 'list') typeError('RETURN', result);
  return result;
}

function returnedNumber(program: Program, args: readonly Value[]): number {
  const result = interpret(program, args);
  if (result.kind !== 'number') typeError('RETURN', result);
  return result.value;
}

/** Σ x_i through the interpreter. */
export const sumInterpreted = (program: Program, x: ListBox): number =>
  returnedNumber(program, [x, box(x.items.length)]);

/** z = αx + y through the interpreter; z is written in place. */
export const axpyInterpreted = (
  program: Program,
  alpha: number,
  x: ListBox,
  y: ListBox,
  z: ListBox,
): ListBox => returnedList(program, [box(alpha), x, y, z, box(z.items.length)]);

/** y = 1 / x through the interpreter; y is written in place. */
export const reciprocalInterpreted = (program: Program, x: ListBox, y: ListBox): ListBox =>
  returnedList(program, [x, y, box(y.items.length)]);

/** y = A x through the interpreter, A a list of `rows` row lists of `cols` numbers. */
export const gemvInterpreted = (
  program: Program,
  a: ListBox,
  x: ListBox,
  y: ListBox,
  cols: number,
): ListBox => returnedList(program, [a, x, y, box(a.items.length), box(cols)]);

/** Human-readable listing, one instruction per line ("  8  LOAD i"). */
export function disassemble(program: Program): string[] {
  const lines: string[] = [];
  for (let pc = 0; pc < program.code.length;) {
    const op = program.code[pc]!;
    const name = OP_NAMES[op] ?? `?${op}`;
    if (HAS_ARG.has(op)) {
      const arg = program.code[pc + 1]!;
      const shown =
        op === Op.LOAD || op === Op.STORE
          ? program.localNames[arg]
          : op === Op.CONST
            ? String((program.constants[arg] as NumberBox).value)
            : String(arg);
      lines.push(`${String(pc).padStart(3)}  ${name} ${shown}`);
      pc += 2;
    } else {
      lines.push(`${String(pc).padStart(3)}  ${name}`);
      pc += 1;
    }
  }
  return lines;
}
