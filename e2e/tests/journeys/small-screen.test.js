// On a 320 CSS pixel wide screen (a phone, or 1280 pixels zoomed to 400%) every page reflows into
// one column: nothing but a data table may need scrolling sideways (WCAG 2.2 SC 1.4.10 Reflow).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newPage } from '../../lib/browser.js';
import { checkPage, validateVisitedPages } from '../../lib/check-page.js';
import { getJson, pathOf } from '../../lib/server-url.js';

let browser;
let page;
before(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { viewport: { width: 320, height: 800 }, isMobile: true, hasTouch: true });
});
after(() => browser?.close());

/** Elements sticking out past the right edge, outside the tables (which scroll on their own). */
function overflowing() {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('table') && el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => ![...el.children].some((child) => child.getBoundingClientRect().right > width + 0.5))
      .map((el) => {
        const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
        return `${name} is ${Math.round(el.getBoundingClientRect().width)}px wide, ends at ${Math.round(el.getBoundingClientRect().right)}px`;
      });
  });
}

test('every kind of page, on a 320px wide screen, passes the checks and reflows', async (t) => {
  const [school] = (await getJson('/api/v1/schools?state_funded=true&secondary=true&open=true')).items;
  const pages = [
    ['/', 200],
    ['/schools', 200],
    ['/schools?open=true', 200],
    [`/schools/${school.urn}`, 200],
    ['/hubs', 200],
    [`/hubs/${school.hub}`, 200],
    ['/no-such-page', 404],
  ];
  for (const [path, status] of pages) {
    const name = `320px-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'home'}`;
    await t.test(`${path}: status, axe, no errors`, () => checkPage(page, path, { status, name }));
    // Reported on its own, so that an axe failure above does not hide it.
    await t.test(`${path}: nothing but a table scrolls sideways`, async () => {
      assert.equal(pathOf(page.url()), path, `${path} did not open`);
      assert.deepEqual(await overflowing(), [], `${path} scrolls sideways at 320px`);
    });
  }
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
