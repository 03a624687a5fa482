// Follows every same-origin link breadth-first from the home page and checks each page reached
// (status, axe, HTML). Links to the JSON API and to assets are not pages and are skipped.

import { after, before, test } from 'node:test';

import { launchBrowser, newPage } from '../lib/browser.js';
import { checkPage, validateVisitedPages } from '../lib/check-page.js';
import { BASE_URL, pathOf } from '../lib/server-url.js';

const MAX_PAGES = Number(process.env.E2E_CRAWL_PAGES ?? 60);

/** Paths the application links to that are meant to answer something else than 200. */
const EXPECTED_STATUS = new Map([
  // e.g. ['/schools/100000', 404] for a linked school that has left the register
]);

let browser;
let page;
before(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
});
after(() => browser?.close());

function isPage(href) {
  const u = new URL(href);
  return (
    u.origin === BASE_URL &&
    (u.protocol === 'http:' || u.protocol === 'https:') &&
    !u.pathname.startsWith('/api/') &&
    !u.pathname.startsWith('/assets/')
  );
}

test(`every page linked from the home page, breadth-first, up to ${MAX_PAGES}`, async (t) => {
  const queue = ['/'];
  const seen = new Set(queue);
  for (let visited = 0; queue.length > 0 && visited < MAX_PAGES; visited += 1) {
    const path = queue.shift();
    await t.test(path, async () => {
      await checkPage(page, path, {
        status: EXPECTED_STATUS.get(path) ?? 200,
        name: `crawl-${String(visited + 1).padStart(2, '0')}`,
      });
    });
    // Carry on from a page even when its check failed: the rest of the site still gets looked at.
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.href));
    for (const href of hrefs) {
      if (!isPage(href)) continue;
      const next = pathOf(href); // without the #fragment
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
