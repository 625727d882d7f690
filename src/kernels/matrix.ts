import {
  bsrBytes,
  bsrBytesMoved,
  bsrFlops,
  bsrFromDense,
  bsrToDense,
  spmmBsr,
  spmvBsr,
  type Bsr,
} from './bsr';
import {
  cooBytes,
  cooBytesMoved,
  cooFlops,
  cooFromDense,
  cooToDense,
  spmmCoo,
  spmvCoo,
  type Coo,
} from './coo';
import {
  csrBytes,
  csrBytesMoved,
  csrFlops,
  csrFromDense,
  csrToDense,
  spmmCsr,
  spmvCsr,
  type Csr,
} from './csr';
import { denseBytes, denseBytesMoved, denseFlops, gemmTuned, gemvTuned, type Dense } from './dense';
import {
  nmBytes,
  nmBytesMoved,
  nmFlops,
  nmFromDense,
  nmToDense,
  spmmNm,
  spmvNm,
  type Nm,
} from './nm';
import type { FloatArray } from './types';

/**
 * Any matrix format, and the format-agnostic questions a widget asks of it:
 * how big is it, how much work and traffic is one product, what does it look
 * like densely. Each format's own file holds the real code; this file only
 * dispatches, so adding a format means one new case in each switch.
 */
export type Format = 'dense' | 'csr' | 'coo' | 'bsr' | 'nm';
export const FORMATS: readonly Format[] = ['dense', 'csr', 'coo', 'bsr', 'nm'];

export type Matrix = Dense | Csr | Coo | Bsr | Nm;

/** Dense and CSR predate the `format` tag; the newer formats carry it. */
export function formatOf(a: Matrix): Format {
  if ('format' in a) return a.format;
  return 'data' in a ? 'dense' : 'csr';
}

export interface FromDenseOptions {
  /** BSR block size (default 4). */
  blockSize?: number;
  /** N:M pattern (default 2:4). */
  n?: number;
  m?: number;
  /** N:M only: prune groups with too many nonzeros instead of throwing. */
  prune?: boolean;
}

export function fromDense(a: Dense, format: Format, options: FromDenseOptions = {}): Matrix {
  switch (format) {
    case 'dense':
      return a;
    case 'csr':
      return csrFromDense(a);
    case 'coo':
      return cooFromDense(a);
    case 'bsr':
      return bsrFromDense(a, options.blockSize ?? 4);
    case 'nm':
      return nmFromDense(a, options);
  }
}

export function toDense(a: Matrix): Dense {
  const a1 = a as never;
  switch (formatOf(a)) {
    case 'dense':
      return a as Dense;
    case 'csr':
      return csrToDense(a1);
    case 'coo':
      return cooToDense(a1);
    case 'bsr':
      return bsrToDense(a1);
    case 'nm':
      return nmToDense(a1);
  }
}

/** Bytes the format's arrays occupy. */
export function storageBytes(a: Matrix): number {
  const a1 = a as never;
  switch (formatOf(a)) {
    case 'dense':
      return denseBytes(a1);
    case 'csr':
      return csrBytes(a1);
    case 'coo':
      return cooBytes(a1);
    case 'bsr':
      return bsrBytes(a1);
    case 'nm':
      return nmBytes(a1);
  }
}

/** FLOPs one product with `batch` right-hand columns executes (stored zeros count). */
export function flops(a: Matrix, batch: number): number {
  const a1 = a as never;
  switch (formatOf(a)) {
    case 'dense':
      return denseFlops(a1, batch);
    case 'csr':
      return csrFlops(a1, batch);
    case 'coo':
      return cooFlops(a1, batch);
    case 'bsr':
      return bsrFlops(a1, batch);
    case 'nm':
      return nmFlops(a1, batch);
  }
}

/** Compulsory bytes of one product: the matrix's arrays, X and Y, each once. */
export function bytesMoved(a: Matrix, batch: number): number {
  const a1 = a as never;
  switch (formatOf(a)) {
    case 'dense':
      return denseBytesMoved(a1, batch);
    case 'csr':
      return csrBytesMoved(a1, batch);
    case 'coo':
      return cooBytesMoved(a1, batch);
    case 'bsr':
      return bsrBytesMoved(a1, batch);
    case 'nm':
      return nmBytesMoved(a1, batch);
  }
}

/** y = A x with the format's own (tuned) kernel; dense uses the `tuned` tier. */
export function spmv(a: Matrix, x: FloatArray, y: FloatArray): void {
  const a1 = a as never;
  switch (formatOf(a)) {
    case 'dense':
      return gemvTuned(a1, x, y);
    case 'csr':
      return spmvCsr(a1, x, y);
    case 'coo':
      return spmvCoo(a1, x, y);
    case 'bsr':
      return spmvBsr(a1, x, y);
    case 'nm':
      return spmvNm(a1, x, y);
  }
}

/** Y = A X with the format's own kernel; dense uses the `tuned` tier. */
export function spmm(a: Matrix, x: Dense, y: Dense): void {
  const a1 = a as never;
  switch (formatOf(a)) {
    case 'dense':
      return gemmTuned(a1, x, y);
    case 'csr':
      return spmmCsr(a1, x, y);
    case 'coo':
      return spmmCoo(a1, x, y);
    case 'bsr':
      return spmmBsr(a1, x, y);
    case 'nm':
      return spmmNm(a1, x, y);
  }
}
