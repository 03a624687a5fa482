// The service works without JavaScript: signing in is a plain POST form, searching a plain GET
// form, results are plain links.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { signIn } from '../../lib/accounts.js';
import { launchBrowser, newPage } from '../../lib/browser.js';
import { checkPage, validateVisitedPages } from '../../lib/check-page.js';

let browser;
let page;
before(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { javaScriptEnabled: false });
});
after(() => browser?.close());

test('with JavaScript disabled, a person can sign in, search, filter, page through and open a school', async () => {
  await page.setContent('<title>before</title><script>document.title = "scripts ran"</script>');
  assert.equal(await page.title(), 'before', 'this browser context must not run page scripts');

  await signIn(page, 'national-admin', { name: 'no-js-signed-in' });
  assert.equal(new URL(page.url()).pathname, '/hubs', 'a national admin lands on every hub');
  await checkPage(page, '/', { name: 'no-js-home' });
  await checkPage(page, () => page.getByRole('link', { name: 'Schools', exact: true }).click(), { name: 'no-js-schools' });

  await page.getByLabel('Name, URN, town or postcode').fill('academy');
  await page.getByLabel('Status').selectOption('true');
  await checkPage(page, () => page.getByRole('button', { name: 'Search' }).click(), { name: 'no-js-search' });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'academy');
  assert.equal(url.searchParams.get('open'), 'true');
  const rows = page.locator('table.table tbody tr');
  assert.ok((await rows.count()) > 0, 'the search found schools');
  for (const row of await rows.allTextContents()) {
    assert.match(row, /academy/i);
    assert.match(row, /Open/);
  }

  if (await page.getByRole('link', { name: 'Next page' }).count()) {
    await checkPage(page, () => page.getByRole('link', { name: 'Next page' }).click(), { name: 'no-js-search-page-2' });
    assert.equal(new URL(page.url()).searchParams.get('page'), '2');
  }

  const first = page.locator('table.table tbody tr td:first-child a').first();
  const name = (await first.textContent()).trim();
  await checkPage(page, () => first.click(), { name: 'no-js-school' });
  assert.equal((await page.locator('h1').textContent()).trim(), name);
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
