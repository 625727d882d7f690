import type { Fault } from '../worker/protocol';

const FAULTS: readonly Fault[] = ['corrupt', 'crash', 'hang'];

/**
 * The fault a test asked for with `?fault=corrupt|crash|hang` (DESIGN.md, fault
 * hook). Honoured only in test builds (PD_TEST_HOOKS=1); undefined everywhere else.
 */
export function requestedFault(): Fault | undefined {
  if (!import.meta.env.PD_TEST_HOOKS) return undefined;
  const f = new URL(location.href).searchParams.get('fault');
  return FAULTS.find((x) => x === f);
}
