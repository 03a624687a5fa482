// Finding a school: typing into the search form, each filter, pagination, and a school's page with
// its hub and predecessor links, as a national admin (who sees every school). The API, asked as
// the same person, is the oracle for what the pages should list.

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

const search = () => page.getByRole('button', { name: 'Search' }).click();

/** The URNs listed in the results table, in order. */
async function listedUrns() {
  const cells = await page.locator('table.table tbody tr td:nth-child(2)').allTextContents();
  return cells.map((c) => Number(c.trim()));
}

/** The API's answer to the same search as the page's current query string. */
async function apiResults() {
  return getJson(page, `/api/v1/schools${new URL(page.url()).search}`);
}

/** The results heading ("123 schools") as a number. */
async function shownTotal() {
  const heading = await page.locator('#results').textContent();
  const match = heading.trim().match(/^([\d,]+) schools?$/);
  assert.ok(match, `unexpected results heading ${JSON.stringify(heading)}`);
  return Number(match[1].replaceAll(',', ''));
}

async function assertPageMatchesApi() {
  const api = await apiResults();
  assert.equal(await shownTotal(), api.total, 'the page and the API count the same schools');
  assert.deepEqual(await listedUrns(), api.items.map((s) => s.urn), 'the page lists what the API lists');
  return api;
}

test('typing part of a name into the form finds the schools that match', async () => {
  const [school] = (await getJson(page, '/api/v1/schools?state_funded=true&secondary=true&open=true')).items;
  assert.ok(school, 'the demo register has open state-funded secondary schools');
  const longest = school.name.split(/\s+/).sort((a, b) => b.length - a.length)[0];
  const fragment = longest.slice(0, 5).toLowerCase();

  await checkPage(page, '/schools', { name: 'schools' });
  await page.getByLabel('Name, URN, town or postcode').fill(fragment);
  await checkPage(page, search, { name: 'schools-search-by-name' });

  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), fragment);
  assert.equal(await page.getByLabel('Name, URN, town or postcode').inputValue(), fragment, 'the search box keeps the text');
  const api = await assertPageMatchesApi();
  assert.ok(api.total > 0, `no school matches ${fragment}`);
  const rows = await page.locator('table.table tbody tr').allTextContents();
  for (const row of rows) assert.ok(row.toLowerCase().includes(fragment), `${JSON.stringify(row)} does not match ${fragment}`);
});

test('each filter narrows the results and stays selected', async () => {
  const [school] = (await getJson(page, '/api/v1/schools?state_funded=true&secondary=true&open=true')).items;
  const filters = [
    { label: 'Funding', name: 'state_funded', value: 'true', row: () => true },
    { label: 'Phase', name: 'secondary', value: 'true', row: () => true },
    { label: 'Status', name: 'open', value: 'false', row: (text) => text.includes('Closed') },
    { label: 'Local authority', name: 'la', value: school.la_code, row: (text) => text.includes(school.la_name) },
    { label: 'Maths Hub', name: 'hub', value: school.hub, row: () => true },
  ];
  const everything = (await getJson(page, '/api/v1/schools')).total;

  await checkPage(page, '/schools', { name: 'schools-filters' });
  let previous = null;
  for (const filter of filters) {
    // A person changes one filter at a time: the previous one goes back to "any".
    if (previous) await page.getByLabel(previous.label).selectOption('');
    await page.getByLabel(filter.label).selectOption(filter.value);
    await checkPage(page, search, { name: `schools-filter-${filter.name}` });

    assert.equal(new URL(page.url()).searchParams.get(filter.name), filter.value);
    assert.equal(await page.getByLabel(filter.label).inputValue(), filter.value, `${filter.label} stays selected`);
    const api = await assertPageMatchesApi();
    assert.ok(api.total > 0 && api.total < everything, `${filter.name}=${filter.value} should narrow the register`);
    for (const item of api.items) {
      if (filter.name === 'hub') assert.equal(item.hub, filter.value);
      else if (filter.name === 'la') assert.equal(item.la_code, filter.value);
      else assert.equal(String(item[filter.name]), filter.value);
    }
    for (const row of await page.locator('table.table tbody tr').allTextContents()) {
      assert.ok(filter.row(row), `${JSON.stringify(row)} does not fit ${filter.name}=${filter.value}`);
    }
    previous = filter;
  }
});

test('Next and Previous move through the pages of results, keeping the search', async () => {
  await checkPage(page, '/schools?open=true', { name: 'schools-open' });
  const total = await shownTotal();
  assert.ok(total > 100, 'enough open schools for three pages');
  const first = await listedUrns();
  assert.match(await page.locator('.pagination__status').textContent(), /^Page 1 of \d+$/);
  assert.equal(await page.getByRole('link', { name: 'Previous page' }).count(), 0, 'no Previous on page 1');

  await checkPage(page, () => page.getByRole('link', { name: 'Next page' }).click(), { name: 'schools-open-page-2' });
  assert.match(await page.locator('.pagination__status').textContent(), /^Page 2 of \d+$/);
  assert.equal(new URL(page.url()).searchParams.get('open'), 'true', 'the filter is kept');
  const second = await listedUrns();
  assert.equal(second.filter((urn) => first.includes(urn)).length, 0, 'page 2 lists other schools than page 1');
  await assertPageMatchesApi();

  await checkPage(page, () => page.getByRole('link', { name: 'Next page' }).click(), { name: 'schools-open-page-3' });
  assert.match(await page.locator('.pagination__status').textContent(), /^Page 3 of \d+$/);
  await assertPageMatchesApi();

  await checkPage(page, () => page.getByRole('link', { name: 'Previous page' }).click(), { name: 'schools-open-page-2-again' });
  assert.match(await page.locator('.pagination__status').textContent(), /^Page 2 of \d+$/);
  assert.deepEqual(await listedUrns(), second);

  await checkPage(page, () => page.getByRole('link', { name: 'Previous page' }).click(), { name: 'schools-open-page-1-again' });
  assert.deepEqual(await listedUrns(), first);
});

test('a school opened from the results links to its Maths Hub', async () => {
  await checkPage(page, '/schools?state_funded=true&secondary=true&open=true', { name: 'schools-target' });
  const link = page.locator('table.table tbody tr td:first-child a').first();
  const name = (await link.textContent()).trim();
  await checkPage(page, () => link.click(), { name: 'school-from-results' });
  assert.equal((await page.locator('h1').textContent()).trim(), name);

  const urn = Number(new URL(page.url()).pathname.split('/').pop());
  const school = await getJson(page, `/api/v1/schools/${urn}`);
  assert.match(await page.locator('.caption').textContent(), new RegExp(`URN ${urn}`));
  assert.ok(school.hub, 'an open state-funded secondary school has a hub');

  await checkPage(page, () => page.getByRole('link', { name: school.hub_name }).click(), { name: 'school-hub' });
  assert.equal(new URL(page.url()).pathname, `/hubs/${school.hub}`);
  assert.equal((await page.locator('h1').textContent()).trim(), school.hub_name);
});

test("a school's predecessor link opens the predecessor, which names the school as its successor", async () => {
  const { items } = await getJson(page, '/api/v1/schools?open=true');
  let school;
  for (const item of items) {
    const detail = await getJson(page, `/api/v1/schools/${item.urn}`);
    if (detail.predecessor_urns.length > 0) {
      school = detail;
      break;
    }
  }
  assert.ok(school, 'one of the first open schools has a predecessor');
  const [predecessorUrn] = school.predecessor_urns;
  const predecessor = await getJson(page, `/api/v1/schools/${predecessorUrn}`);

  await checkPage(page, `/schools/${school.urn}`, { name: 'school-with-predecessor' });
  await checkPage(page, () => page.locator(`a[href="/schools/${predecessorUrn}"]`).click(), { name: 'school-predecessor' });
  assert.equal(new URL(page.url()).pathname, `/schools/${predecessorUrn}`);
  assert.equal((await page.locator('h1').textContent()).trim(), predecessor.name);
  assert.equal(await page.locator(`a[href="/schools/${school.urn}"]`).count(), 1, 'the predecessor links back to its successor');
});

test('a search the service cannot run shows an error summary linking to each field', async () => {
  // Only an edited address can do this: the form's selects offer valid values only.
  await checkPage(page, '/schools?open=maybe&la=%21%21', { status: 400, name: 'schools-invalid' });
  assert.match(await page.title(), /^Error: /);
  const summary = page.locator('.error-summary');
  assert.equal(await summary.getByRole('heading').textContent(), 'There is a problem');
  const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['#open', '#la']);
  for (const href of links) {
    assert.equal(await page.locator(`${href}:is(input, select, textarea)`).count(), 1, `${href} is not a form field`);
  }
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
