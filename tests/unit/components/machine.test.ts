import { describe, expect, it } from 'vitest';
import { machineName } from '../../../components/classroom/machine';

const m = (userAgent: string, cores = 8) => ({
  userAgent,
  cores,
  timerResolutionMs: 0.1,
  isolated: false,
  wasmSimd: true,
});

describe('machineName(machine)', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'Headless Chrome 156 · Linux · 8 cores',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge 131 · Windows · 8 cores',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0',
      'Firefox 133 · macOS · 8 cores',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'Safari 18 · iOS · 8 cores',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome 131 · Android · 8 cores',
    ],
  ])('names %s briefly', (ua, name) => {
    expect(machineName(m(ua))).toBe(name);
  });

  it('keeps an unknown browser recognisable and leaves out unknown cores', () => {
    expect(machineName(m('SomeBrowser/1.0', 0))).toBe('SomeBrowser/1.0');
  });
});
