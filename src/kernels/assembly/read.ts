/**
 * Σ a_i over n doubles, `passes` times over, read 16 bytes per load into eight
 * independent vector sums: the memory mountain's stride-1 read at the speed
 * the caches allow. A JavaScript loop adds one element at a time and tops out
 * near one element per cycle, below what L1, L2 and often even DRAM deliver.
 * Several passes per call keep the cost of the call itself out of small sizes.
 */
export function sumF64(a: usize, n: i32, passes: i32): f64 {
  let total: f64 = 0;
  for (let p = 0; p < passes; p++) total += sumOnce(a, n);
  return total;
}

@inline
function sumOnce(a: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let s2 = f64x2.splat(0);
  let s3 = f64x2.splat(0);
  let s4 = f64x2.splat(0);
  let s5 = f64x2.splat(0);
  let s6 = f64x2.splat(0);
  let s7 = f64x2.splat(0);
  const n16 = n & ~15;
  let i = 0;
  for (; i < n16; i += 16) {
    const p = a + (<usize>i << 3);
    s0 = f64x2.add(s0, v128.load(p));
    s1 = f64x2.add(s1, v128.load(p, 16));
    s2 = f64x2.add(s2, v128.load(p, 32));
    s3 = f64x2.add(s3, v128.load(p, 48));
    s4 = f64x2.add(s4, v128.load(p, 64));
    s5 = f64x2.add(s5, v128.load(p, 80));
    s6 = f64x2.add(s6, v128.load(p, 96));
    s7 = f64x2.add(s7, v128.load(p, 112));
  }
  const s = f64x2.add(
    f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3)),
    f64x2.add(f64x2.add(s4, s5), f64x2.add(s6, s7)),
  );
  let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) t += load<f64>(a + (<usize>i << 3));
  return t;
}
