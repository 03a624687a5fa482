// Maths Hubs: the index, one hub, and a local authority's link into the schools it has, as a
// national admin (who sees every hub).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { signedInPage } from '../../lib/accounts.js';
import { launchBrowser } from '../../lib/browser.js';
import { checkPage, validateVisitedPages } from '../../lib/check-page.js';
import { getJson } from '../../lib/server-url.js';

let browser;
let page; // signed in as a national admin, who may see every hub and school
before(async () => {
  browser = await launchBrowser();
  page = await signedInPage(browser, 'national-admin');
});
after(() => browser?.close());

/** The results heading of the schools page ("1,234 schools") as a number. */
async function shownTotal() {
  const heading = (await page.locator('#results').textContent()).trim();
  const match = heading.match(/^([\d,]+) schools?$/);
  assert.ok(match, `unexpected results heading ${JSON.stringify(heading)}`);
  return Number(match[1].replaceAll(',', ''));
}

test('hubs index → a hub → a local authority opens that authority’s schools', async () => {
  const hubs = await getJson(page, '/api/v1/hubs');
  assert.ok(hubs.length > 0, 'the demo has hubs');
  // The hub serving the most open state-funded secondary schools: its rows lead somewhere.
  const hub = [...hubs].sort((a, b) => b.open_state_funded_secondary - a.open_state_funded_secondary)[0];

  await checkPage(page, '/', { name: 'hubs-from-home' });
  await checkPage(page, () => page.getByRole('link', { name: 'Maths Hubs', exact: true }).click(), { name: 'hubs' });
  assert.equal(new URL(page.url()).pathname, '/hubs');
  assert.equal(await page.locator('table.table tbody tr').count(), hubs.length, 'one row per hub');
  assert.equal(await page.locator('nav[aria-label="Main"] a[aria-current="page"]').textContent(), 'Maths Hubs');

  await checkPage(page, () => page.getByRole('link', { name: hub.name, exact: true }).click(), { name: 'hub' });
  assert.equal(new URL(page.url()).pathname, `/hubs/${hub.code}`);
  assert.equal((await page.locator('h1').textContent()).trim(), hub.name);

  const detail = await getJson(page, `/api/v1/hubs/${encodeURIComponent(hub.code)}`);
  const la = [...detail.local_authorities].sort((a, b) => b.open_state_funded_secondary - a.open_state_funded_secondary)[0];
  assert.ok(la.open_state_funded_secondary > 0, 'the hub has a local authority with schools');

  await checkPage(page, () => page.getByRole('link', { name: la.name, exact: true }).click(), { name: 'hub-local-authority-schools' });
  const url = new URL(page.url());
  assert.equal(url.pathname, '/schools');
  assert.equal(url.searchParams.get('la'), la.code);
  assert.equal(await page.getByLabel('Local authority').inputValue(), la.code, 'the local authority is selected');
  for (const [label, value] of [['Funding', 'true'], ['Phase', 'true'], ['Status', 'true']]) {
    assert.equal(await page.getByLabel(label).inputValue(), value, `${label} is selected`);
  }
  assert.equal(await shownTotal(), la.open_state_funded_secondary);
  const authorities = await page.locator('table.table tbody tr td:nth-child(5)').allTextContents();
  assert.ok(authorities.length > 0);
  for (const name of authorities) assert.equal(name.trim(), la.name);
});

test("a hub's own link lists the open state-funded secondary schools it serves", async () => {
  const [hub] = await getJson(page, '/api/v1/hubs');
  await checkPage(page, `/hubs/${encodeURIComponent(hub.code)}`, { name: 'hub-first' });
  await checkPage(page, () => page.getByRole('link', { name: "See this hub's open state-funded secondary schools" }).click(), {
    name: 'hub-schools',
  });
  assert.equal(new URL(page.url()).searchParams.get('hub'), hub.code);
  assert.equal(await page.getByLabel('Maths Hub').inputValue(), hub.code);
  assert.equal(await shownTotal(), hub.open_state_funded_secondary);
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
