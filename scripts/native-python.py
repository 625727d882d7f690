#!/usr/bin/env python3
"""The native reference for the NumPy chapter's interpreter ladder.

Measures, on the machine it runs on and in one thread, the same dot product
and matrix-vector product the page measures in the reader's browser:

  python-loop     the loop in Python          (src/python/ladder.py, the very code the page runs)
  python-c-loop   the loop in C, stdlib only  (math.sumprod from Python 3.12, else sum(map(operator.mul, a, b)))
  map-mul         sum(map(operator.mul, a, b)), always, so both C loops appear when sumprod exists
  numpy           numpy.dot / A @ x on float64 arrays (when numpy imports), BLAS underneath

and, for the chapter's loop-against-ufunc figures, y = 1/x on a million
integers five ways: VanderPlas's loop indexing NumPy arrays, a comprehension
over the same array, a loop appending to a list, a comprehension over the
list, and NumPy's ufunc.

Every answer is checked against math.fsum (correctly rounded) with the bound
the site uses: |y - y_ref| <= 4 * n * eps * sum|a_i * b_i|. Timing: batches of
at least 5 ms (the repetitions run in one Python loop, as the page's Python rungs
do), 5 batches, median and quartiles.

Writes content/data/native-python/<YYYY-MM-DD>.json, adding or replacing this
interpreter's run, so running it under two Pythons (one with NumPy, one with
math.sumprod) fills one file:

  python3 scripts/native-python.py [--out DIR] [--sizes 1,16,1024] [--date YYYY-MM-DD]
"""
import argparse
import datetime
import json
import math
import operator
import os
import platform
import statistics
import sys
import time

# One thread, like one Web Worker. Must be set before NumPy loads its BLAS.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "src", "python"))
import ladder  # noqa: E402  (the page's own Python rungs)

try:
    import numpy as np
except ImportError:  # the stdlib rungs still run
    np = None

EPS = 2.0**-52
SIZES = [1, 16, 1024, 65536, 524288]
GEMV_SIZES = [65536]
ELEMENTWISE_N = 1_000_000


# ---------------------------------------------------------------- inputs

def seeded_vector(n, seed):
    """Uniform in [-1, 1), nonzero; any seeded source will do, the ratios do not depend on it."""
    import random

    rng = random.Random(seed)
    return [(rng.random() * 2 - 1) or 1.0 for _ in range(n)]


# ---------------------------------------------------------------- timing

def time_batches(batch, min_batch_s=0.005, batches=5, warmup_s=0.01, warmup_calls=3):
    """batch(reps) runs the kernel reps times. Returns per-call seconds: median, q1, q3, reps."""
    t0 = time.perf_counter()
    calls = 0
    while calls < warmup_calls or time.perf_counter() - t0 < warmup_s:
        batch(1)
        calls += 1
    reps = 1
    while True:
        t0 = time.perf_counter()
        batch(reps)
        elapsed = time.perf_counter() - t0
        if elapsed >= min_batch_s:
            break
        reps = max(reps + 1, min(reps * 100, math.ceil(reps * min_batch_s * 1.2 / elapsed) if elapsed > 0 else reps * 10))
    samples = []
    for _ in range(batches):
        t0 = time.perf_counter()
        batch(reps)
        samples.append((time.perf_counter() - t0) / reps)
    q = statistics.quantiles(samples, n=4, method="inclusive")
    return statistics.median(samples), q[0], q[2], reps


def repeat(fn, *args):
    def batch(reps):
        for _ in range(reps):
            fn(*args)
    return batch


# ---------------------------------------------------------------- checks

def dot_ok(value, a, b):
    ref = math.fsum(x * y for x, y in zip(a, b))
    bound = 4 * max(1, len(a)) * EPS * math.fsum(abs(x * y) for x, y in zip(a, b))
    return abs(float(value) - ref) <= bound


def gemv_ok(values, rows, x):
    return all(dot_ok(v, row, x) for v, row in zip(values, rows))


# ---------------------------------------------------------------- the ladder

def dot_rows(n, seed):
    a, b = seeded_vector(n, seed), seeded_vector(n, seed + 1)
    kernels = [
        ("python-loop", "dot_loop (src/python/ladder.py)", ladder.dot_loop, (a, b)),
        ("python-c-loop", ladder.C_LOOP, ladder.dot_c_loop, (a, b)),
    ]
    if ladder.C_LOOP != "sum(map(operator.mul, a, b))":
        kernels.append(("map-mul", "sum(map(operator.mul, a, b))", lambda p, q: sum(map(operator.mul, p, q)), (a, b)))
    if np is not None:
        A, B = np.array(a, dtype=np.float64), np.array(b, dtype=np.float64)
        kernels.append(("numpy", "numpy.dot(a, b)", np.dot, (A, B)))
    rows = []
    for rung, label, fn, args in kernels:
        verified = dot_ok(fn(*args), a, b)
        med, q1, q3, reps = time_batches(repeat(fn, *args))
        rows.append(row("dot", n, 1, n, rung, label, med, q1, q3, reps, verified))
    return rows


GEMV_C_LOOP = {
    "math.sumprod": "[math.sumprod(row, x) for row in A]",
    "sum(map(operator.mul, a, b))": "[sum(map(operator.mul, row, x)) for row in A]",
}


def gemv_rows(n, seed):
    m = max(1, round(math.sqrt(n)))
    flat, x = seeded_vector(m * m, seed), seeded_vector(m, seed + 1)
    matrix = [flat[i * m:(i + 1) * m] for i in range(m)]
    kernels = [
        ("python-loop", "gemv_loop (src/python/ladder.py)", ladder.gemv_loop, (matrix, x)),
        ("python-c-loop", GEMV_C_LOOP[ladder.C_LOOP], ladder.gemv_c_loop, (matrix, x)),
    ]
    if np is not None:
        A, X = np.array(matrix, dtype=np.float64), np.array(x, dtype=np.float64)
        kernels.append(("numpy", "A @ x (numpy.matmul)", np.matmul, (A, X)))
    rows = []
    for rung, label, fn, args in kernels:
        verified = gemv_ok(list(fn(*args)), matrix, x)
        med, q1, q3, reps = time_batches(repeat(fn, *args))
        rows.append(row("gemv", m * m, m, m, rung, label, med, q1, q3, reps, verified))
    return rows


def row(op, n, rows, cols, rung, label, med, q1, q3, reps, verified):
    return {
        "op": op,
        "n": n,
        "rows": rows,
        "cols": cols,
        "rung": rung,
        "kernel": label,
        "nsPerElement": med * 1e9 / n,
        "q1NsPerElement": q1 * 1e9 / n,
        "q3NsPerElement": q3 * 1e9 / n,
        "callNs": med * 1e9,
        "reps": reps,
        "verified": verified,
    }


# ---------------------------------------------------------------- y = 1/x

def reciprocal_loop(values):
    out = []
    for v in values:
        out.append(1.0 / v)
    return out


def reciprocal_comprehension(values):
    return [1.0 / v for v in values]


def reciprocal_numpy_loop(values):
    """VanderPlas's compute_reciprocals: a Python loop indexing NumPy arrays, one NumPy scalar per element."""
    output = np.empty(len(values))
    for i in range(len(values)):
        output[i] = 1.0 / values[i]
    return output


def elementwise_rows(n, seed):
    """y = 1/x on VanderPlas's input (integers 1..99), so the handbook's comparison can be rerun."""
    import random

    rng = random.Random(seed)
    values = [rng.randint(1, 99) for _ in range(n)]
    kernels = [
        ("loop", "out = []; for v in values: out.append(1.0 / v)  (a list)", reciprocal_loop, (values,)),
        ("comprehension", "[1.0 / v for v in values]  (a list)", reciprocal_comprehension, (values,)),
    ]
    if np is not None:
        arr = np.array(values, dtype=np.int64)
        kernels.insert(0, ("numpy-loop", "for i in range(len(values)): output[i] = 1.0 / values[i]  (NumPy arrays)",
                           reciprocal_numpy_loop, (arr,)))
        kernels.insert(1, ("comprehension-numpy", "[1.0 / v for v in values]  (a NumPy array)",
                           reciprocal_comprehension, (arr,)))
        kernels.append(("numpy", "1.0 / values  (a NumPy ufunc)", lambda a: 1.0 / a, (arr,)))
    rows = []
    for name, label, fn, args in kernels:
        y = fn(*args)
        verified = all(float(p) == 1.0 / q for p, q in zip(y, values))
        med, q1, q3, reps = time_batches(repeat(fn, *args), min_batch_s=0.05, batches=5, warmup_calls=1)
        rows.append({"kernel": name, "code": label, "n": n, "input": "integers 1..99", "medianMs": med * 1e3,
                     "q1Ms": q1 * 1e3, "q3Ms": q3 * 1e3, "nsPerElement": med * 1e9 / n, "reps": reps,
                     "verified": verified})
    return rows


# ---------------------------------------------------------------- the machine

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            fields = dict(
                (k.strip(), v.strip()) for k, v in (line.split(":", 1) for line in f if ":" in line)
            )
        model = fields.get("model name", platform.processor() or "unknown")
        family, number = fields.get("cpu family"), fields.get("model")
        return f"{model} (family {family}, model {number})" if family else model
    except OSError:
        return platform.processor() or platform.machine()


def numpy_blas():
    if np is None:
        return None
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return f"{blas.get('name')} {blas.get('version')}"
    except Exception:  # older NumPy: no dict mode
        return "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.path.join(ROOT, "content", "data", "native-python"))
    p.add_argument("--sizes", default=",".join(map(str, SIZES)))
    p.add_argument("--date", default=datetime.date.today().isoformat())
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    results = []
    for n in sizes:
        results += dot_rows(n, args.seed)
        print(f"dot n={n} done", file=sys.stderr)
    for n in GEMV_SIZES:
        results += gemv_rows(n, args.seed)
    elementwise = elementwise_rows(ELEMENTWISE_N, args.seed)

    run = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "compiler": platform.python_compiler(),
        "numpy": np.__version__ if np is not None else None,
        "blas": numpy_blas(),
        "blasThreads": 1,
        "cLoop": ladder.C_LOOP,
        "results": results,
        "elementwise": elementwise,
    }
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, f"{args.date}.json")
    doc = {"schema": 1, "date": args.date, "runs": []}
    if os.path.exists(path):
        with open(path) as f:
            doc = json.load(f)
    doc["machine"] = {
        "cpu": cpu_model(),
        "logicalCores": os.cpu_count(),
        "os": f"{platform.system()} {platform.release()}",
        "note": "A shared 2-vCPU virtual machine: other jobs ran at the same time, so timings are noisy; "
        "compare rungs within one run, not across runs.",
    }
    doc["method"] = (
        "scripts/native-python.py: one thread (BLAS threads set to 1); batches of at least 5 ms, "
        "repetitions in one Python loop; 5 batches, median and quartiles; every answer checked against "
        "math.fsum within 4·n·ε·Σ|a_i·b_i|. Inputs: seeded uniform values in [-1, 1)."
    )
    doc["runs"] = [r for r in doc["runs"] if r["python"] != run["python"]] + [run]
    doc["runs"].sort(key=lambda r: [int(x) for x in r["python"].split(".")[:3] if x.isdigit()])
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    for r in results:
        print(f"{r['op']:4} n={r['n']:7} {r['rung']:14} {r['nsPerElement']:10.3f} ns/el  {'ok' if r['verified'] else 'FAILED'}  {r['kernel']}")
    for r in elementwise:
        print(f"1/x  n={r['n']} {r['kernel']:14} {r['medianMs']:10.3f} ms  {'ok' if r['verified'] else 'FAILED'}")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
