// The browser the tests drive: Debian's Chromium package, never a downloaded
// one. Imported by the global setup (no Vitest state there) and the tests.

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHROMIUM_MISSING = `Chromium not found at ${CHROMIUM}: install Debian's chromium package to run the browser tests`;

/** Whether a missing browser fails the run (CI) instead of skipping the tests. */
export function browserRequired(): boolean {
  return process.env.ALLIANCE_REQUIRE_BROWSER === '1';
}
