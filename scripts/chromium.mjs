/**
 * The one Chromium the scripts and the e2e suite drive: Debian's, or CHROMIUM_PATH.
 * Run as root on a closed network, so: no sandbox, and none of Chromium's
 * background traffic (without these flags it floods the closed network).
 */
import { existsSync } from 'node:fs';

/** @type {readonly string[]} */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
]);

/**
 * The Chromium binary to launch, or an error that says how to get one.
 * @returns {string}
 */
export function chromiumPath() {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}
