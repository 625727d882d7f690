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
  readonly items: readonly Value[];
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
      case Op.LT: {
        const right = stack.pop()!;
        const left = stack.pop()!;
        if (left.kind !== 'number') typeError(OP_NAMES[op]!, left);
        if (right.kind !== 'number') typeError(OP_NAMES[op]!, right);
        // A fresh box per result, as an object-based interpreter must.
        if (op === Op.ADD) stack.push(box(left.value + right.value));
        else if (op === Op.MUL) stack.push(box(left.value * right.value));
        else stack.push({ kind: 'bool', value: left.value < right.value });
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
