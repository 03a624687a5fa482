// Follows every same-origin link breadth-first and checks each page reached (status, axe, HTML):
// signed out from the home page, then signed in as a national admin (who may see everything),
// a hub lead and a head of maths (who see less), each from the home page and the place they land
// on. Every link a person is shown must lead to a page they may see: a 404 is a failure.
//
// Every kind of page first: the first page found of each kind (route and query parameters), then a
// second of each, then the rest (forty hub pages, a hundred people...), so that the page budget
// covers the whole site.
//
// Not followed: the JSON API, assets, downloads (`<a download>`: files, not pages) and, being
// forms, never the sign-out button or any other form that changes something.
//
// Other test files run at the same time and change things (tests/journeys/application.test.js
// submits a draft application, whose section pages then answer 403): a page that answers another
// status than expected is forgiven, as a skipped subtest, only when the page it was found on no
// longer links to it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { signIn } from '../lib/accounts.js';
import { launchBrowser, newPage } from '../lib/browser.js';
import { checkPage, validateVisitedPages } from '../lib/check-page.js';
import { BASE_URL, pathOf } from '../lib/server-url.js';

const MAX_PAGES = Number(process.env.E2E_CRAWL_PAGES ?? 60);
const MAX_ROLE_PAGES = Number(process.env.E2E_CRAWL_ROLE_PAGES ?? 30);
/** Pages of one kind visited before further pages of a kind: the first of each, then the second... */
const PER_KIND = 2;

/** Paths the application links to that are meant to answer something else than 200. */
const EXPECTED_STATUS = new Map([
  // e.g. ['/schools/100000', 404] for a linked school that has left the register
]);

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

function isPage(link) {
  const u = new URL(link.href);
  return (
    u.origin === BASE_URL &&
    (u.protocol === 'http:' || u.protocol === 'https:') &&
    !link.download &&
    !u.pathname.startsWith('/api/') &&
    !u.pathname.startsWith('/assets/') &&
    u.pathname !== '/sign-out'
  );
}

/**
 * The kind of page a path is: its route, with the query's parameter names only.
 * "/hubs/LCW/history" -> "/hubs/{}/history", "/schools?q=oak&page=2" -> "/schools?page&q".
 */
function kindOf(path) {
  const u = new URL(path, BASE_URL);
  const route = u.pathname
    .split('/')
    .map((segment, i) => (i > 1 && /^[A-Z0-9-]*[A-Z0-9][A-Z0-9-]*$|\d/.test(segment) ? '{}' : segment))
    .join('/');
  const params = [...new Set(u.searchParams.keys())].sort().join('&');
  return params ? `${route}?${params}` : route;
}

/** Whether `checkPage` failed on the status (rather than on what the page showed). */
function isStatusMismatch(error) {
  return /^GET \S+ answered \d+, expected \d+/.test(error?.message ?? '');
}

/** Whether the page at `from`, asked again now as the same person, still links to `path`. */
async function stillLinks(page, from, path) {
  const response = await page.context().request.get(new URL(from, BASE_URL).href, { maxRedirects: 0 });
  if (response.status() !== 200) return false;
  const hrefs = [...(await response.text()).matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
  return hrefs.some((href) => pathOf(new URL(href, new URL(from, BASE_URL)).href) === path);
}

/**
 * Breadth-first from `start` on `page` (signed in or not), up to `budget` pages, each a subtest,
 * every kind of page before more of one kind. Returns the paths visited.
 */
async function crawl(t, page, { start, budget, prefix }) {
  // tiers[0]: the first link to each kind of page; tiers[1]: the second; ...; the last: the rest.
  const tiers = Array.from({ length: PER_KIND + 1 }, () => []);
  const seen = new Set();
  const kinds = new Map();
  const foundOn = new Map(); // path -> the page it was first found on
  const enqueue = (path, from) => {
    if (seen.has(path)) return;
    seen.add(path);
    if (from) foundOn.set(path, from);
    const kind = kindOf(path);
    const met = kinds.get(kind) ?? 0;
    kinds.set(kind, met + 1);
    tiers[Math.min(met, PER_KIND)].push(path);
  };
  start.forEach(enqueue);
  const visited = [];
  for (let tier = tiers.find((q) => q.length > 0); tier && visited.length < budget; tier = tiers.find((q) => q.length > 0)) {
    const path = tier.shift();
    visited.push(path);
    const from = foundOn.get(path);
    await t.test(path, async (st) => {
      try {
        await checkPage(page, path, {
          status: EXPECTED_STATUS.get(path) ?? 200,
          name: `${prefix}-${String(visited.length).padStart(2, '0')}`,
        });
      } catch (error) {
        // A link another test file's change took away meanwhile (see the top of this file).
        if (!isStatusMismatch(error) || !from || (await stillLinks(page, from, path))) throw error;
        st.skip(`${from} no longer links to ${path}: changed meanwhile (${error.message.split('\n')[0]})`);
      }
    });
    // Carry on from a page even when its check failed: the rest of the site still gets looked at.
    const links = await page
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => ({ href: a.href, download: a.hasAttribute('download') })));
    const here = pathOf(page.url());
    for (const link of links) {
      if (isPage(link)) enqueue(pathOf(link.href), here); // without the #fragment
    }
  }
  const left = tiers.reduce((n, q) => n + q.length, 0);
  const kindsVisited = new Set(visited.map(kindOf)).size;
  t.diagnostic(`${visited.length} pages visited, of ${kindsVisited} of the ${kinds.size} kinds found; ${left} links not followed`);
  return visited;
}

test('signed out: every page linked from the home page (the rest is behind sign-in)', async (t) => {
  const page = await newPage(browser);
  try {
    await crawl(t, page, { start: ['/'], budget: MAX_ROLE_PAGES, prefix: 'crawl-signed-out' });
  } finally {
    await page.close();
  }
});

for (const [role, budget] of [
  ['national-admin', MAX_PAGES],
  ['hub-lead', MAX_ROLE_PAGES],
  ['head-of-maths', MAX_ROLE_PAGES],
]) {
  test(`as ${role}: every page linked from the home page and their place, breadth-first, up to ${budget}`, async (t) => {
    const page = await newPage(browser);
    try {
      await signIn(page, role, { name: `crawl-${role}-signed-in` });
      const landing = pathOf(page.url());
      const visited = await crawl(t, page, { start: ['/', landing], budget, prefix: `crawl-${role}` });
      assert.ok(visited.length > 1, `the crawl as ${role} found no links`);
      // Still signed in: no page on the way ended the session.
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).count(), 1);
    } finally {
      await page.close();
    }
  });
}

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
