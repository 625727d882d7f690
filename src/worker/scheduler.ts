/**
 * Turns for units of work inside the worker. A reader's slider move (high
 * priority) gets the next turn even while a long crossover search (low
 * priority) is running, so the numbers under the slider stay live. A unit that
 * returns a promise (a GPU batch) keeps its turn until it settles, so no CPU
 * kernel runs in this thread while a GPU batch is being timed.
 */
export class Scheduler {
  #busy = false;
  #seq = 0;
  #waiting: { priority: number; seq: number; start: () => void }[] = [];

  async run<T>(priority: number, work: () => T | Promise<T>): Promise<T> {
    if (this.#busy) {
      await new Promise<void>((start) => {
        this.#waiting.push({ priority, seq: this.#seq++, start });
        this.#waiting.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
      });
    }
    this.#busy = true;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      // Hand the turn straight to the next waiter; `busy` stays true meanwhile.
      if (next) next.start();
      else this.#busy = false;
    }
  }
}
