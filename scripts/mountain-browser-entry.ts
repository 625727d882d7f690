/**
 * The memory session of scripts/mountain.ts, bundled to run inside Chromium's
 * JavaScript engine (`--engine chromium`): the engine the site measures in.
 */
import { runMemorySession, type MemorySessionRequest } from './mountain-session';

/** Provided by the CLI through Playwright's exposeFunction. */
declare const pdProgress: (line: string) => Promise<void>;

(globalThis as unknown as { pdMountain: unknown }).pdMountain = {
  run: (request: MemorySessionRequest) =>
    runMemorySession(request, (line) => void pdProgress(line)),
};
