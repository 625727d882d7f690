/*
 * A native STREAM-style reference for the memory mountain (scripts/native-memory.mjs
 * compiles it with gcc -O2 and runs it): read bandwidth against working-set size at
 * stride 1, a pointer chase through a random single cycle (one node per 64-byte line)
 * at the same sizes, and STREAM's triad on arrays far larger than the last-level cache.
 *
 * Output: one JSON object on stdout. Timing: CLOCK_MONOTONIC; every figure is the
 * median of `batches` batches, each lasting at least `min_batch_ms`, as in the
 * browser's measurement core (src/bench/measure.ts). Every sum and chase is checked.
 *
 * Usage: native-memory [--quick]
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Two doubles per vector: SSE2 on x86-64, NEON on arm64; no -march needed. */
typedef double v2d __attribute__((vector_size(16)));

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

/* Eight independent vector sums, so the adder never waits on itself and the
 * loop is limited by loads, not by the latency of one running sum. */
static double read_sum(const double *a, size_t n) {
  v2d s0 = {0, 0}, s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    v2d x0, x1, x2, x3, x4, x5, x6, x7;
    memcpy(&x0, a + i, 16);
    memcpy(&x1, a + i + 2, 16);
    memcpy(&x2, a + i + 4, 16);
    memcpy(&x3, a + i + 6, 16);
    memcpy(&x4, a + i + 8, 16);
    memcpy(&x5, a + i + 10, 16);
    memcpy(&x6, a + i + 12, 16);
    memcpy(&x7, a + i + 14, 16);
    s0 += x0; s1 += x1; s2 += x2; s3 += x3; s4 += x4; s5 += x5; s6 += x6; s7 += x7;
  }
  v2d s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  double r = s[0] + s[1];
  for (; i < n; i++) r += a[i];
  return r;
}

static size_t chase(const int32_t *next, size_t p, size_t steps) {
  for (size_t s = 0; s < steps; s++) p = (size_t)next[p];
  return p;
}

static void triad(double *restrict a, const double *restrict b, const double *restrict c,
                  double s, size_t n) {
  for (size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
}

/* splitmix64: a seeded generator for the ring (no libc rand: same ring everywhere). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t next_u64(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static int cmp_double(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

/* Median per-call time in ms of `batches` batches of `reps` calls; `reps` grows until a
 * batch lasts min_batch_ms. The call's result goes into *sink so it cannot be skipped. */
typedef double (*kernel_fn)(void *state);
static double time_kernel(kernel_fn f, void *state, int batches, double min_batch_ms,
                          double *sink) {
  for (int w = 0; w < 3; w++) *sink += f(state);
  long reps = 1;
  for (;;) {
    double t0 = now_ms();
    for (long r = 0; r < reps; r++) *sink += f(state);
    double el = now_ms() - t0;
    if (el >= min_batch_ms) break;
    long grow = el > 0 ? (long)(reps * min_batch_ms * 1.2 / el) + 1 : reps * 10;
    reps = grow > reps * 100 ? reps * 100 : (grow > reps ? grow : reps + 1);
  }
  double samples[32];
  if (batches > 32) batches = 32;
  for (int b = 0; b < batches; b++) {
    double t0 = now_ms();
    for (long r = 0; r < reps; r++) *sink += f(state);
    samples[b] = (now_ms() - t0) / reps;
  }
  qsort(samples, batches, sizeof(double), cmp_double);
  return batches % 2 ? samples[batches / 2]
                     : 0.5 * (samples[batches / 2 - 1] + samples[batches / 2]);
}

struct read_state { const double *a; size_t n; };
static double read_call(void *s) {
  struct read_state *r = s;
  return read_sum(r->a, r->n);
}

struct chase_state { const int32_t *next; size_t p; size_t steps; size_t total; };
static double chase_call(void *s) {
  struct chase_state *c = s;
  c->p = chase(c->next, c->p, c->steps);
  c->total += c->steps;
  return (double)c->p;
}

struct triad_state { double *a, *b, *c; size_t n; };
static double triad_call(void *s) {
  struct triad_state *t = s;
  triad(t->a, t->b, t->c, 3.0, t->n);
  return t->a[t->n / 2];
}

int main(int argc, char **argv) {
  int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
  const size_t min_bytes = 4096;
  const size_t max_bytes = (size_t)64 << 20;
  const int per_octave = quick ? 1 : 4;
  const int batches = quick ? 3 : 7;
  const double min_batch_ms = quick ? 10 : 20;
  const size_t triad_bytes = quick ? (size_t)64 << 20 : (size_t)256 << 20; /* per array */
  double sink = 0;
  int ok = 1;

  double *a = aligned_alloc(64, max_bytes);
  int32_t *next = aligned_alloc(64, max_bytes);
  int32_t *order = malloc(max_bytes / 16);
  if (!a || !next || !order) { fprintf(stderr, "out of memory\n"); return 1; }
  for (size_t i = 0; i < max_bytes / 8; i++) a[i] = (double)(i & 255);

  printf("{\"quick\":%s,\"perOctave\":%d,\"batches\":%d,\"minBatchMs\":%g,\"points\":[",
         quick ? "true" : "false", per_octave, batches, min_batch_ms);
  int first = 1;
  for (int k = 0;; k++) {
    size_t bytes = (size_t)(min_bytes * __builtin_exp2((double)k / per_octave));
    bytes -= bytes % 64;
    if (bytes > max_bytes) break;
    size_t n = bytes / 8;
    /* Every element is an integer below 256, so the sum is exact: check it. */
    double expect = 0;
    for (size_t i = 0; i < n; i++) expect += a[i];
    struct read_state rs = { a, n };
    double ms = time_kernel(read_call, &rs, batches, min_batch_ms, &sink);
    if (read_sum(a, n) != expect) ok = 0;

    /* Ring: one node per 64-byte line (16 int32 slots), a single random cycle (Sattolo). */
    size_t nodes = bytes / 64;
    for (size_t i = 0; i < nodes; i++) order[i] = (int32_t)i;
    for (size_t i = nodes - 1; i > 0; i--) {
      size_t j = (size_t)(next_u64() % i);
      int32_t t = order[i]; order[i] = order[j]; order[j] = t;
    }
    for (size_t i = 0; i < nodes; i++) next[(size_t)order[i] * 16] = order[(i + 1) % nodes] * 16;
    size_t steps = nodes < 32768 ? 32768 : (nodes > 32768 ? 32768 : nodes);
    struct chase_state cs = { next, (size_t)order[0] * 16, steps, 0 };
    double chase_ms = time_kernel(chase_call, &cs, batches, min_batch_ms, &sink);
    /* The ring is one cycle of `nodes` hops: after `total` hops the chase is at order[total mod nodes]. */
    if (cs.p != (size_t)order[cs.total % nodes] * 16) ok = 0;

    printf("%s{\"bytes\":%zu,\"readGbps\":%.4f,\"readMs\":%.6g,\"chaseNs\":%.4f}",
           first ? "" : ",", bytes, bytes / (ms * 1e6), ms, chase_ms * 1e6 / steps);
    fflush(stdout);
    first = 0;
  }
  printf("],");

  /* STREAM triad a = b + 3c: counted as STREAM counts it, 24 bytes per element
   * (the write-allocate read of a is not counted). */
  size_t tn = triad_bytes / 8;
  double *ta = aligned_alloc(64, triad_bytes), *tb = aligned_alloc(64, triad_bytes),
         *tc = aligned_alloc(64, triad_bytes);
  if (!ta || !tb || !tc) { fprintf(stderr, "out of memory\n"); return 1; }
  for (size_t i = 0; i < tn; i++) { ta[i] = 0; tb[i] = (double)(i & 15); tc[i] = 1.0; }
  struct triad_state ts = { ta, tb, tc, tn };
  double tms = time_kernel(triad_call, &ts, batches, min_batch_ms, &sink);
  for (size_t i = 0; i < tn; i += 4099) if (ta[i] != (double)(i & 15) + 3.0) ok = 0;
  printf("\"triad\":{\"bytesPerArray\":%zu,\"gbps\":%.4f,\"ms\":%.6g},", triad_bytes,
         3.0 * triad_bytes / (tms * 1e6), tms);
  printf("\"verified\":%s,\"sink\":%.17g}\n", ok ? "true" : "false", sink);
  free(a); free(next); free(order); free(ta); free(tb); free(tc);
  return ok ? 0 : 3;
}
