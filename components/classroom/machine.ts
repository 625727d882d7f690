/**
 * A recording's machine in a few words ("Chrome 156 · Linux · 2 cores"), for
 * tables where a full user-agent string would crowd out the numbers. The full
 * string stays in the exports.
 */
import type { Recording } from '../../src/state/sheet';

const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

export function browserName(userAgent: string): string {
  for (const [re, name] of BROWSERS) {
    const m = re.exec(userAgent);
    if (m) return `${name} ${m[1]}`;
  }
  return userAgent.slice(0, 40) || 'unknown browser';
}

export function machineName(machine: Recording['machine']): string {
  const system = SYSTEMS.find(([re]) => re.test(machine.userAgent))?.[1];
  return [browserName(machine.userAgent), system, machine.cores ? `${machine.cores} cores` : '']
    .filter(Boolean)
    .join(' · ');
}
