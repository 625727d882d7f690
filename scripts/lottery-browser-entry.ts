/**
 * The lottery measurement bundled to run inside Chromium's JavaScript engine
 * (scripts/lottery-reference.ts), so the shipped reference rates come from the
 * same kind of engine a reader's browser runs.
 */
import { systemClock } from '../src/bench/clock';
import { describeEnvironment, type Environment } from '../src/bench/environment';
import { measureLottery, type LotteryResult, type LotterySize } from '../src/bench/lottery';

async function run(
  size: LotterySize,
  seed: number,
  batches: number,
): Promise<{ env: Environment; result: LotteryResult }> {
  const env = describeEnvironment(systemClock);
  const result = measureLottery(
    { size, seed },
    {
      clock: systemClock,
      resolutionMs: env.timerResolutionMs,
      batches,
    },
  );
  return { env, result };
}

(globalThis as unknown as { pdLottery: unknown }).pdLottery = { run };
