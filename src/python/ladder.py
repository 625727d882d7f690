"""The CPython rungs of the interpreter ladder.

Run by real CPython twice over: in the reader's browser by Pyodide
(src/python/ladder-runner.ts) and natively by scripts/native-python.py, so
both measure the same code.

Rung 1, the loop in Python: every element costs bytecode dispatch, two list
lookups, and a multiplication and an addition on boxed float objects, each
result a new object.

Rung 2, the loop in C: math.sumprod (Python 3.12 and later) runs the loop in
the interpreter's C code, but every element is still a boxed Python float
that must be unboxed, and sumprod accumulates in extended precision. Before
3.12 the C loop is sum(map(operator.mul, a, b)).
"""

import math
import operator


def dot_loop(a, b):
    s = 0.0
    for i in range(len(a)):
        s += a[i] * b[i]
    return s


if hasattr(math, "sumprod"):
    C_LOOP = "math.sumprod"

    def dot_c_loop(a, b):
        return math.sumprod(a, b)

else:
    C_LOOP = "sum(map(operator.mul, a, b))"

    def dot_c_loop(a, b):
        return sum(map(operator.mul, a, b))


def gemv_loop(rows, x):
    y = []
    for row in rows:
        s = 0.0
        for j in range(len(x)):
            s += row[j] * x[j]
        y.append(s)
    return y


def gemv_c_loop(rows, x):
    return [dot_c_loop(row, x) for row in rows]


def crossing(a, b):
    """Does nothing: run("crossing", 0) times one call from JavaScript into Python."""
    return None


KERNELS = {
    "dot-loop": dot_loop,
    "dot-c-loop": dot_c_loop,
    "gemv-loop": gemv_loop,
    "gemv-c-loop": gemv_c_loop,
    "crossing": crossing,
}

_inputs = {"dot": ((), ()), "gemv": ((), ()), "crossing": ((), ())}
_result = None


def floats(values):
    """A list of Python floats from a list, a memoryview, or (in Pyodide) a JavaScript Float64Array."""
    if hasattr(values, "to_memoryview"):
        values = values.to_memoryview()
    if isinstance(values, memoryview):
        return values.tolist()
    return [float(v) for v in values]


def set_dot(a, b):
    _inputs["dot"] = (floats(a), floats(b))


def set_gemv(data, rows, cols, x):
    flat = floats(data)
    _inputs["gemv"] = ([flat[i * cols : (i + 1) * cols] for i in range(rows)], floats(x))


def run(name, reps):
    """Runs kernel `name` reps times in this Python loop: one crossing from JavaScript per batch."""
    global _result
    f = KERNELS[name]
    a, b = _inputs[name.split("-")[0]]
    r = None
    for _ in range(reps):
        r = f(a, b)
    if reps > 0:
        _result = r


def result():
    return [_result] if isinstance(_result, float) else list(_result)


def clear():
    global _result
    for key in _inputs:
        _inputs[key] = ((), ())
    _result = None
