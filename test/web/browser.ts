import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { source as AXE_SOURCE } from 'axe-core';
import type { AxeResults } from 'axe-core';
import { Browser, chromium, Page } from 'playwright-core';
import { ROOT } from '../support/processes';

/**
 * Debian's Chromium in its headless shell (`apt-get install -y chromium-headless-shell`; .ci/run
 * installs it), the build Playwright itself tests with: the same engine without the full browser's
 * UI machinery, it took 30 % less CPU and wall time over the browser tests than `/usr/bin/chromium`
 * (still usable through CHROMIUM_PATH). Never skipped: missing fails.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium's headless shell is missing at ${CHROMIUM}: install it (apt-get install -y chromium-headless-shell) or set CHROMIUM_PATH to a Chromium`,
    );
  }
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/web is missing: run `npm run build` (npm test does) before the web tests');
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

export interface BrowserPage {
  page: Page;
  /** What the page reported as blocked or broken (CSP violations, uncaught errors, console errors). */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh context (own storage) at a locale and width; collects CSP and script errors. */
export async function openPage(browser: Browser, locale: 'en' | 'fr' = 'en', width = 1280): Promise<BrowserPage> {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // an answer the page expects (the charter's 403) is logged as a failed resource: not a problem;
    // CSP violations ("Refused to …") and script errors are
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { page, problems, close: () => context.close() };
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core's violations of WCAG 2.0–2.2 A and AA on the page as it is now, one line each; `exclude`
 * lists selectors left out. axe is injected once per document, not per scan: its 550 KB script costs
 * ~0.3 s each time it is sent (AxeBuilder sends it twice a scan, plus a blank page for its results),
 * which made scans most of the browser tests' time. Frames are not entered: the only one, the e-mail
 * preview, is sandboxed without scripts (axe would wait for it forever) and scanned as a page of its own.
 */
export async function accessibilityViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    ([tags, excluded]) => {
      type Axe = { run: (context: unknown, options: unknown) => Promise<AxeResults> };
      const { axe, document } = globalThis as unknown as { axe: Axe; document: unknown };
      const context = excluded.length > 0 ? { exclude: excluded.map((selector) => [selector]) } : document;
      const options = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false };
      return axe.run(context, options).then((results) => results.violations);
    },
    [WCAG_TAGS, exclude] as const,
  );
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

export type PageState = [name: string, reach: (tab: BrowserPage) => Promise<void>];

/**
 * Reaches each state in a fresh page at this locale and the first width, then scans it at every width
 * (the viewport resized in place: reaching a state is the slow part). Collects, prefixed by the state's
 * name and width, axe's violations and what the page reported (CSP, script errors). Also checks `<html lang>`.
 */
export async function violationsInStates(
  browser: Browser,
  locale: 'en' | 'fr',
  widths: number[],
  states: PageState[],
): Promise<string[]> {
  const found: string[] = [];
  for (const [name, reach] of states) {
    const tab = await openPage(browser, locale, widths[0]);
    try {
      await reach(tab);
      const lang = await tab.page.evaluate('document.documentElement.lang');
      if (lang !== locale) found.push(`${name}: <html lang="${String(lang)}">, expected ${locale}`);
      for (const width of widths) {
        await tab.page.setViewportSize({ width, height: 900 });
        found.push(...(await accessibilityViolations(tab.page)).map((v) => `${name} at ${width} px: ${v}`));
      }
      found.push(...tab.problems.map((p) => `${name}: ${p}`));
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    } finally {
      await tab.close();
    }
  }
  return found;
}
