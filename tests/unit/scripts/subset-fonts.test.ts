import { describe, expect, it } from 'vitest';
import { parseUnicodeRange } from '../../../scripts/subset-fonts.mjs';

describe('parseUnicodeRange', () => {
  it('reads spans and single code points as Fontsource writes them', () => {
    const inLatin = parseUnicodeRange('U+0000-00FF,U+0131,U+2212,U+FEFF');
    expect(inLatin(0x41)).toBe(true);
    expect(inLatin(0xff)).toBe(true);
    expect(inLatin(0x131)).toBe(true);
    expect(inLatin(0x2212)).toBe(true);
    expect(inLatin(0x100)).toBe(false);
    expect(inLatin(0x3a3)).toBe(false);
  });

  it('reads a wildcard as every digit in its place', () => {
    const inRange = parseUnicodeRange('U+4??');
    expect(inRange(0x400)).toBe(true);
    expect(inRange(0x4ff)).toBe(true);
    expect(inRange(0x500)).toBe(false);
  });

  it('refuses a range it cannot read rather than keeping nothing', () => {
    expect(() => parseUnicodeRange('latin')).toThrow(/unreadable/);
  });
});
