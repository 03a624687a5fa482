// Debian's Chromium driven by playwright-core. Never downloads a browser.
//
// Each test file launches one browser (Playwright gives it a fresh temporary user-data-dir,
// removed on close) and opens a context per kind of visitor: today an anonymous person with or
// without JavaScript; later, a context per signed-in role (pass `storageState` in the options).

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium. Close it with `await browser.close()`. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * Opens a page in a new context. `contextOptions` go to `browser.newContext` (for example
 * `{ javaScriptEnabled: false }`, or a signed-in `storageState` later).
 *
 * The page records what a person would not see but should not happen: console errors (a
 * Content-Security-Policy refusal, say) and sub-resources that fail or answer 4xx/5xx.
 * `checkPage` asserts there were none since the last navigation.
 */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    ...contextOptions,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    // A failed load is reported below, with its URL, from the response itself.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!request.isNavigationRequest()) {
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    }
  });
  page.on('response', (response) => {
    if (!response.request().isNavigationRequest() && response.status() >= 400) {
      problems.push(`sub-resource answered ${response.status()}: ${response.url()}`);
    }
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) problems.length = 0;
  });
  pageProblems.set(page, problems);
  pageScripts.set(page, contextOptions.javaScriptEnabled !== false);
  return page;
}

const pageProblems = new WeakMap();
const pageScripts = new WeakMap();

/** Whether the page runs JavaScript (false for a context made with `javaScriptEnabled: false`). */
export function runsJavaScript(page) {
  return pageScripts.get(page) ?? true;
}

/** What went wrong on the page since its last navigation (see `newPage`). */
export function problemsOf(page) {
  return pageProblems.get(page) ?? [];
}
