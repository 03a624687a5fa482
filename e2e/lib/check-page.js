// The one door every page visit goes through: status, no console or sub-resource errors,
// axe-core (WCAG 2.2 AA), a full-page screenshot, and the raw HTML saved for the Nu checker,
// which `validateVisitedPages()` runs once at the end of each test file.

import assert from 'node:assert/strict';
import { after } from 'node:test';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { problemsOf, runsJavaScript } from './browser.js';
import { url, pathOf } from './server-url.js';
import { validate, formatErrors } from './vnu.js';

const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCREENSHOTS = path.join(E2E_DIR, 'screenshots');
// One folder of saved pages per test file (node --test runs each file in its own process).
const SUITE = path.basename(process.argv[1] ?? 'pages').replace(/\.test\.js$|\.js$/, '');
const SAVED = path.join(E2E_DIR, 'out', 'html', SUITE);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

rmSync(SAVED, { recursive: true, force: true });
mkdirSync(SAVED, { recursive: true });
mkdirSync(SCREENSHOTS, { recursive: true });

/** Saved file -> the URL it came from, for the Nu checker's report. */
const saved = new Map();
const savedStylesheets = new Set();
const usedNames = new Set();
let validated = true;

/**
 * Visits a page and checks it. `target` is a path or URL to open, or an async function that makes
 * the page navigate (clicking a link, submitting a form), so pages reached the way a person
 * reaches them are checked the same way. Options: `status` expected (200), `name` of the
 * screenshot and saved HTML (default: from the URL). Returns the navigation's response.
 */
export async function checkPage(page, target, { status = 200, name } = {}) {
  const response = await navigate(page, target);
  const where = pathOf(response.url());
  await page.waitForLoadState('load');
  validated = false;

  // Keep what a person (and the owner of a failure) needs to look at before asserting anything.
  const base = uniqueName(name ?? slug(where));
  const htmlFile = path.join(SAVED, `${base}.html`);
  writeFileSync(htmlFile, await response.body());
  saved.set(htmlFile, where);
  await saveStylesheets(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${base}.png`), fullPage: true });

  assert.equal(response.status(), status, `GET ${where} answered ${response.status()}, expected ${status}`);
  assert.match(response.headers()['content-type'] ?? '', /^text\/html/, `GET ${where} is not HTML`);
  assert.deepEqual(problemsOf(page), [], `${where} had errors while loading`);

  const violations = await runAxe(page, response);
  if (violations.length > 0) {
    assert.fail(`axe found ${violations.length} accessibility violation(s) on ${where}:\n${formatViolations(violations)}`);
  }
  assert.equal(await page.locator('h1').count(), 1, `${where} should have exactly one h1`);
  return response;
}

/**
 * Runs the Nu HTML checker once over every page this test file visited (and the stylesheets they
 * used), failing with each error's page, line and message. Call it as the file's last test.
 */
export async function validateVisitedPages() {
  validated = true;
  const files = [...saved.keys()];
  assert.ok(files.length > 0, 'no page was visited');
  const errors = await validate(files);
  if (errors.length > 0) {
    const describe = (file) => `${path.relative(E2E_DIR, file)} (${saved.get(file) ?? 'stylesheet'})`;
    assert.fail(`the Nu HTML checker found ${errors.length} error(s):\n${formatErrors(errors, { describe })}`);
  }
}

// A file that forgets to validate fails. (Not by throwing: that would skip the file's other
// `after` hooks, leaving its browser open and the run hanging.)
after(() => {
  if (!validated) {
    console.error(`${SUITE}: pages were checked but never validated: end the file with validateVisitedPages()`);
    process.exitCode = 1;
  }
});

async function navigate(page, target) {
  if (typeof target !== 'function') {
    const response = await page.goto(url(target));
    assert.ok(response, `no response for ${target}`);
    return response;
  }
  const main = page.mainFrame();
  const navigation = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.frame() === main && !(r.status() >= 300 && r.status() < 400),
  );
  navigation.catch(() => {}); // when the action itself fails, its error is the one to report
  await target();
  return navigation;
}

async function runAxe(page, response) {
  if (!runsJavaScript(page)) return runAxeOnTwin(page, response);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((results) => results.violations),
    AXE_TAGS,
  );
}

/**
 * axe-core needs timers, which never fire in a page whose context has JavaScript disabled. So it
 * runs on a twin: a JavaScript-enabled page in the same browser given the very same response
 * (status, headers, bytes), with the page's own scripts still refused by its
 * Content-Security-Policy (`script-src 'none'`), so it renders as the no-JavaScript page did.
 */
async function runAxeOnTwin(page, response) {
  const context = await page.context().browser().newContext({ viewport: page.viewportSize(), locale: 'en-GB' });
  try {
    const twin = await context.newPage();
    const headers = { ...response.headers() };
    const policy = (headers['content-security-policy'] ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d && !d.startsWith('script-src'));
    headers['content-security-policy'] = [...policy, "script-src 'none'"].join('; ');
    const body = await response.body();
    await twin.route(response.url(), (route) => route.fulfill({ status: response.status(), headers, body }), {
      times: 1,
    });
    await twin.goto(response.url());
    return await runAxe(twin, null);
  } finally {
    await context.close();
  }
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.html}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

async function saveStylesheets(page) {
  const hrefs = await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => l.href));
  for (const href of hrefs) {
    if (savedStylesheets.has(href)) continue;
    savedStylesheets.add(href);
    const response = await page.context().request.get(href);
    const file = path.join(SAVED, `stylesheet-${savedStylesheets.size}-${slug(pathOf(href))}.css`);
    writeFileSync(file, await response.body());
    saved.set(file, pathOf(href));
  }
}

/** "/schools?q=oak&page=2" -> "schools_q-oak_page-2" */
function slug(where) {
  const text = where
    .replace(/^\//, '')
    .replace(/[?&=]/g, (c) => (c === '=' ? '-' : '_'))
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, 100);
  return text || 'home';
}

function uniqueName(name) {
  let candidate = name;
  for (let i = 2; usedNames.has(candidate); i += 1) candidate = `${name}-${i}`;
  usedNames.add(candidate);
  return candidate;
}
