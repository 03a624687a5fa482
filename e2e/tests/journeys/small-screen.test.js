// On a 320 CSS pixel wide screen (a phone, or 1280 pixels zoomed to 400%) every page reflows into
// one column: nothing but a data table may need scrolling sideways (WCAG 2.2 SC 1.4.10 Reflow).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { signIn } from '../../lib/accounts.js';
import { launchBrowser, newPage } from '../../lib/browser.js';
import { checkPage, validateVisitedPages } from '../../lib/check-page.js';
import { getJson, pathOf } from '../../lib/server-url.js';

const PHONE = { viewport: { width: 320, height: 800 }, isMobile: true, hasTouch: true };

let browser;
let page;
before(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, PHONE);
});
after(() => browser?.close());

/** Elements sticking out past the right edge, outside the tables (which scroll on their own). */
function overflowing(on = page) {
  return on.evaluate(() => {
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

/** Checks a page at 320px and, reported on its own, that nothing but a table scrolls sideways. */
async function checkReflow(t, path, status, on = page) {
  const name = `320px-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'home'}`;
  await t.test(`${path}: status, axe, no errors`, () => checkPage(on, path, { status, name }));
  // Reported on its own, so that an axe failure above does not hide it.
  await t.test(`${path}: nothing but a table scrolls sideways`, async () => {
    assert.equal(pathOf(on.url()), path, `${path} did not open`);
    assert.deepEqual(await overflowing(on), [], `${path} scrolls sideways at 320px`);
  });
}

/** The header's links on the page (paths). */
function navLinks(on) {
  return on
    .getByRole('navigation', { name: 'Main' })
    .locator('a[href^="/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

test('every kind of page, on a 320px wide screen, passes the checks and reflows', async (t) => {
  // Signed out: the pages of signing in and of asking for a new password.
  for (const path of ['/', '/sign-in', '/password-reset']) await checkReflow(t, path, 200);

  await signIn(page, 'national-admin', { name: '320px-signed-in' });
  assert.deepEqual(await overflowing(), [], 'the page after signing in scrolls sideways at 320px');
  const [school] = (await getJson(page, '/api/v1/schools?state_funded=true&secondary=true&open=true')).items;
  const pages = [
    ['/', 200],
    ['/schools', 200],
    ['/schools?open=true', 200],
    [`/schools/${school.urn}`, 200],
    [`/schools/${school.urn}/history`, 200],
    ['/hubs', 200],
    [`/hubs/${school.hub}`, 200],
    ['/account/tokens', 200],
    ['/no-such-page', 404],
  ];
  // And whatever else the header offers a national admin (people, the audit trail...).
  for (const href of await navLinks(page)) {
    if (!pages.some(([path]) => path === href)) pages.splice(-1, 0, [href, 200]);
  }
  for (const [path, status] of pages) await checkReflow(t, path, status);
});

test("a school's own pages, as its head of maths on a 320px wide screen, pass the checks and reflow", async (t) => {
  // The school the demo's school roles belong to has people, a pathway and history to show.
  const phone = await newPage(browser, PHONE);
  try {
    // A subtest, so that a fault on the page they land on does not hide the other pages'.
    await t.test('signing in', () => signIn(phone, 'head-of-maths', { name: '320px-signed-in-head-of-maths' }));
    const school = pathOf(phone.url());
    assert.match(school, /^\/schools\/\d+$/, 'the head of maths lands on their school');
    const pages = [school, `${school}/history`];
    for (const href of await navLinks(phone)) if (!pages.includes(href)) pages.push(href);
    for (const path of pages) await checkReflow(t, path, 200, phone);
  } finally {
    await phone.close();
  }
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
