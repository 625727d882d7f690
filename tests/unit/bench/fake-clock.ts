import type { Clock } from '../../../src/bench/clock';

/** A clock that only moves when told to, optionally in coarse steps like a browser's. */
export class FakeClock implements Clock {
  #t = 0;
  constructor(readonly stepMs = 0) {}
  now(): number {
    return this.stepMs > 0 ? Math.floor(this.#t / this.stepMs) * this.stepMs : this.#t;
  }
  advance(ms: number): void {
    this.#t += ms;
  }
}
