#!/usr/bin/env python3
"""The numpy/scipy side of the comparison in docs/benchmarks.md (optional: needs numpy and scipy).

Measures, single-threaded, what `npm run bench` measures: CSR SpMV (n = 4096) and SpMM
(n = 2048, k = 64) at 90 % and 99 % sparsity, dense GEMV (n = 4096) and GEMM (n = 512),
in f64 and f32. Timing: the median of 7 batches, each at least 20 ms long.

Usage: python3 scripts/bench-scipy.py [--json]
"""
import json
import os
import sys
import time

# One thread, like a single Web Worker. Must be set before numpy loads its BLAS.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

try:
    import numpy as np
    import scipy
    import scipy.sparse as sp
except ImportError as e:  # pragma: no cover
    sys.exit(f"bench-scipy: {e}. Install numpy and scipy (pip or apt python3-scipy) to compare.")


def median_ms(fn, min_batch_s=0.02, batches=7):
    fn()
    reps, elapsed = 1, 0.0
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        elapsed = time.perf_counter() - t0
        if elapsed >= min_batch_s:
            break
        reps *= 2
    samples = []
    for _ in range(batches):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        samples.append((time.perf_counter() - t0) / reps * 1e3)
    samples.sort()
    return samples[len(samples) // 2]


def main():
    as_json = "--json" in sys.argv
    rng = np.random.default_rng(1)
    rows = []

    def record(kernel, op, dtype, n, k, sparsity, nnz, ms, flops):
        r = dict(kernel=kernel, op=op, dtype=dtype, n=n, batch=k, sparsity=sparsity, nnz=nnz,
                 medianMs=ms, gflops=flops / (ms * 1e6))
        rows.append(r)
        if as_json:
            print(json.dumps(r))
        else:
            print(f"{kernel:14} {op:5} {dtype:4} {n:5} {k:4} {sparsity*100:6.2f} % {nnz:9} {ms:10.4g} ms {r['gflops']:7.3g} GF/s")

    if not as_json:
        print(f"numpy {np.__version__}, scipy {scipy.__version__}, single-threaded\n")
    for dtype in ("f64", "f32"):
        t = np.float64 if dtype == "f64" else np.float32
        n = 4096
        a = rng.uniform(-1, 1, (n, n)).astype(t)
        x = rng.uniform(-1, 1, n).astype(t)
        record("numpy", "gemv", dtype, n, 1, 0.0, n * n, median_ms(lambda: a @ x), 2 * n * n)
        n = 512
        a = rng.uniform(-1, 1, (n, n)).astype(t)
        b = rng.uniform(-1, 1, (n, n)).astype(t)
        record("numpy", "gemm", dtype, n, n, 0.0, n * n, median_ms(lambda: a @ b), 2 * n ** 3)
        for sparsity in (0.9, 0.99):
            n = 4096
            s = sp.random(n, n, density=1 - sparsity, format="csr", dtype=t, random_state=1)
            x = rng.uniform(-1, 1, n).astype(t)
            record("scipy csr", "spmv", dtype, n, 1, sparsity, s.nnz, median_ms(lambda: s @ x), 2 * s.nnz)
            n, k = 2048, 64
            s = sp.random(n, n, density=1 - sparsity, format="csr", dtype=t, random_state=1)
            xk = rng.uniform(-1, 1, (n, k)).astype(t)
            record("scipy csr", "spmm", dtype, n, k, sparsity, s.nnz, median_ms(lambda: s @ xk), 2 * s.nnz * k)


if __name__ == "__main__":
    main()
