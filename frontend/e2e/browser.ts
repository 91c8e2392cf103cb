// Helpers of the browser tests: one Chromium per test file, a fresh browser
// context per page, pages that fail the test on any console error or
// uncaught page error, signing in, waiting for a view, and screenshots.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { screenshotsDir } from './paths';

/** The server of this run: its base URL (no trailing slash) and the admin token. */
export interface Server {
  baseURL: string;
  token: string;
}

export const DESKTOP = { width: 1360, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Chromium's console line for a request the server refused with a 401 (a wrong token). */
export const UNAUTHORIZED = /status of 401/;

/**
 * Chromium's console lines of the sign-in page: asking GET /api/session of
 * a browser not signed in (401), and GET /api/sign-in-options of a server
 * that offers no other way to sign in (404).
 */
export const SIGNED_OUT = [/status of 401 .*\/api\/session:/, /status of 404 .*\/api\/sign-in-options:/];

/**
 * Declares a file's browser tests: launches one browser for the file and
 * closes every page after each test. When Chromium is missing the file has
 * one test named by the reason: skipped, or failing when the browser is
 * required (ALLIANCE_REQUIRE_BROWSER=1).
 */
export function describeInBrowser(title: string, body: (b: BrowserTests) => void): void {
  const env = inject('e2e');
  if ('skip' in env) {
    describe(title, () => {
      test.skip(env.skip, () => {});
    });
    return;
  }
  if ('fail' in env) {
    describe(title, () => {
      test(env.fail, () => {
        throw new Error(env.fail);
      });
    });
    return;
  }
  describe(title, () => {
    const b = new BrowserTests(env);
    beforeAll(() => b.launch());
    afterEach(() => b.closePages());
    afterAll(() => b.close());
    body(b);
  });
}

export class BrowserTests {
  private browser: Browser | undefined;
  private open: CheckedPage[] = [];

  constructor(readonly server: Server) {}

  async launch(): Promise<void> {
    // Loaded here, not at the top: a run without Chromium never loads it.
    const { chromium } = await import('playwright-core');
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }

  /** A new page in a fresh browser context (empty session storage: signed out). */
  async newPage(): Promise<CheckedPage> {
    if (!this.browser) throw new Error('the browser is not launched');
    const context = await this.browser.newContext({ baseURL: this.server.baseURL, viewport: DESKTOP });
    context.setDefaultTimeout(15_000);
    const p = new CheckedPage(context, await context.newPage());
    this.open.push(p);
    return p;
  }

  /** A new page signed in by opening path#token=<token> (the admin token by default). */
  async signedIn(path = '/', token = this.server.token): Promise<CheckedPage> {
    const p = await this.newPage();
    await p.page.goto(`${path}#token=${encodeURIComponent(token)}`);
    return p;
  }

  /** Closes the pages of the test; fails it when one logged an error not yet checked. */
  async closePages(): Promise<void> {
    const pages = this.open;
    this.open = [];
    const unchecked = pages.flatMap((p) => p.unchecked());
    await Promise.all(pages.map((p) => p.context.close()));
    expect(unchecked, 'console errors or page errors after the last check').toEqual([]);
  }
}

/** A page that records every console error and uncaught exception. */
export class CheckedPage {
  readonly errors: string[] = [];
  private checked = 0;

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const at = m.location();
      this.errors.push(`console error: ${m.text()}${at.url ? ` (at ${at.url}:${at.lineNumber})` : ''}`);
    });
    page.on('pageerror', (e) => this.errors.push(`page error: ${e.stack ?? e.message}`));
  }

  /** Fails the test when the page logged an error since the last check, except those allowed. */
  expectNoErrors(allowed: RegExp[] = []): void {
    const fresh = this.errors.slice(this.checked);
    this.checked = this.errors.length;
    expect(
      fresh.filter((e) => !allowed.some((a) => a.test(e))),
      `console errors or page errors on ${this.page.url()}`,
    ).toEqual([]);
  }

  /** The errors logged since the last check. */
  unchecked(): string[] {
    return this.errors.slice(this.checked);
  }
}

/** Waits until no loading indicator is left in the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.state.loading'), undefined, { timeout: 15_000 });
}

/**
 * Waits for a view to be shown and loaded: its root section, its heading,
 * and no loading indicator; fails when it shows an error box or "Not found".
 * Returns the view's root.
 */
export async function waitForView(page: Page, name: string): Promise<Locator> {
  // Each view's root is <section class="page" data-view="<route name>">.
  const root = page.locator(`main > section.page[data-view="${name}"]`).first();
  await root.locator('h1').first().waitFor();
  await settled(page);
  const heading = (await root.locator('h1').first().innerText()).trim();
  expect(heading, `the heading of the ${name} view`).not.toBe('Not found');
  const problems = await root.locator('.state.error').allInnerTexts();
  expect(problems, `error boxes in the ${name} view`).toEqual([]);
  return root;
}

/**
 * Saves screenshots of the page as it is at desktop and phone widths:
 * test-results/screenshots/<name>-desktop.png and <name>-phone.png. The
 * whole page by default; only the window with fullPage false (for an open
 * dialog, whose backdrop covers the window only). Leaves the page at
 * desktop width.
 */
export async function screenshots(page: Page, name: string, { fullPage = true } = {}): Promise<string[]> {
  await mkdir(screenshotsDir, { recursive: true });
  const saved: string[] = [];
  for (const [width, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await repainted(page);
    const path = join(screenshotsDir, `${name}-${width}.png`);
    await page.screenshot({ path, fullPage });
    saved.push(path);
  }
  await page.setViewportSize(DESKTOP);
  return saved;
}

/** Waits for fonts and two animation frames: the layout of a new size is painted. */
async function repainted(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  });
}
