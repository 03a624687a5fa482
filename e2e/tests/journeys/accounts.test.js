// Accounts and who sees what: signing in and out as every demo account (one per role); where each
// lands; that the header offers only what the person may use; that every role is refused (404,
// never 403, so nothing says the page exists) the hubs and schools beyond its reach, in pages, in
// searches and lists, and in the API; a refused sign-in; signed out, everything but the public
// pages asks to sign in; and a password reset through the outbox.
//
// The password reset changes the demo teacher's password: it is this file's last test, no other
// file signs in as the teacher, and it sets the demo password back at the end.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DEMO_PASSWORD, ROLES, emailOf, signIn, signOut, signedInPage } from '../../lib/accounts.js';
import { launchBrowser, newPage } from '../../lib/browser.js';
import { checkPage, validateVisitedPages } from '../../lib/check-page.js';
import { MAIL_DIR, emailFiles, linkIn, waitForEmail } from '../../lib/mail.js';
import { BASE_URL, getJson, pathOf, url } from '../../lib/server-url.js';

let browser;
let admin; // a national admin's page: finds, through its pages, the hubs and schools to ask for
before(async () => {
  browser = await launchBrowser();
  admin = await signedInPage(browser, 'national-admin');
});
after(() => browser?.close());

const mainNav = (page) => page.getByRole('navigation', { name: 'Main' });

/** The names of the header's links. */
async function navLinks(page) {
  return (await mainNav(page).getByRole('link').allTextContents()).map((t) => t.trim());
}

/** The URNs in a schools results table, in order. */
async function listedUrns(page) {
  const cells = await page.locator('table.table tbody tr td:nth-child(2)').allTextContents();
  return cells.map((c) => Number(c.trim()));
}

/** The results heading of the schools page ("1,234 schools") as a number. */
async function shownTotal(page) {
  const heading = (await page.locator('#results').textContent()).trim();
  const match = heading.match(/^([\d,]+) schools?$/);
  assert.ok(match, `unexpected results heading ${JSON.stringify(heading)}`);
  return Number(match[1].replaceAll(',', ''));
}

/** The hub codes linked from the rows of the hubs index on the page. */
async function listedHubs(page) {
  const hrefs = await page.locator('table.table tbody tr td:first-child a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return hrefs.map((h) => decodeURIComponent(h.replace(/^\/hubs\//, '')));
}

/**
 * `where` (a URL or a Location header) is the sign-in page, asked to return to `path` afterwards:
 * `/sign-in?next=<path>`.
 */
function assertAsksToSignIn(where, path) {
  const u = new URL(where, BASE_URL);
  assert.equal(u.pathname, '/sign-in', `${path} should lead to the sign-in page, not ${where}`);
  assert.deepEqual([...u.searchParams], [['next', path]], `${where}: after signing in, back to ${path}`);
}

// --- places, found through the national admin's pages ---------------------------------------------

const memo = new Map();
function remember(key, find) {
  if (!memo.has(key)) memo.set(key, find());
  return memo.get(key);
}

/** The code of the hub a school belongs to, from the link on its page. */
function hubOfSchool(urn) {
  return remember(`hub-of-${urn}`, async () => {
    await checkPage(admin, `/schools/${urn}`, { name: `admin-school-${urn}` });
    const href = await admin.locator('.summary-list a[href^="/hubs/"]').getAttribute('href');
    return decodeURIComponent(href.replace(/^\/hubs\//, ''));
  });
}

/** A hub other than `code` that serves open state-funded secondary schools, from the hubs index. */
function hubOtherThan(code) {
  return remember(`hub-other-than-${code}`, async () => {
    await checkPage(admin, '/hubs', { name: 'admin-hubs' });
    const rows = await admin.locator('table.table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        href: tr.querySelector('a')?.getAttribute('href') ?? '',
        schools: Number(tr.lastElementChild.textContent.replaceAll(',', '').trim()),
      })),
    );
    const other = rows.find((r) => r.schools > 0 && r.href !== `/hubs/${encodeURIComponent(code)}`);
    assert.ok(other, `no hub but ${code} serves schools`);
    return decodeURIComponent(other.href.replace(/^\/hubs\//, ''));
  });
}

/** A school of hub `code` other than `except`, from the schools search filtered by that hub. */
function schoolOfHub(code, except = null) {
  return remember(`school-of-${code}-except-${except}`, async () => {
    await checkPage(admin, `/schools?hub=${encodeURIComponent(code)}`, { name: `admin-schools-of-${code}` });
    const urn = (await listedUrns(admin)).find((u) => u !== except);
    assert.ok(urn, `hub ${code} has no school but ${except}`);
    return urn;
  });
}

/** How many schools the national admin's API search finds with this query. */
async function adminTotal(query) {
  return (await getJson(admin, `/api/v1/schools${query}`)).total;
}

// --- refusals -----------------------------------------------------------------------------------

/** Pages some role was refused, which the national roles must be able to open. */
const refusedToSomeone = new Set();

/** Opens `path` on `page` and checks it answers 404 "Page not found" (not 403: nothing leaks). */
async function assertRefused(page, role, path) {
  await checkPage(page, path, { status: 404, name: `refused-${role}-${path.replace(/[^A-Za-z0-9]+/g, '-')}` });
  assert.equal((await page.locator('h1').textContent()).trim(), 'Page not found', `${role} on ${path}`);
  refusedToSomeone.add(path);
}

/** The API, asked as the person signed in on `page`, answers 404 problem+json for `path`. */
async function assertApiRefused(page, path) {
  const response = await page.context().request.get(url(path), { headers: { accept: 'application/json' } });
  assert.equal(response.status(), 404, `GET ${path} answered ${response.status()}, expected 404`);
  assert.match(response.headers()['content-type'] ?? '', /^application\/problem\+json/);
}

/** What a national admin or viewer sees: every hub and school, and the pages others are refused. */
async function checkNationalReach(page, role) {
  await checkPage(page, '/hubs', { name: `${role}-hubs` });
  const [first] = await listedHubs(page);
  assert.ok(first, 'the hubs index lists hubs');
  const other = await hubOtherThan(first);
  const everyHub = await remember('every-hub', async () => {
    await checkPage(admin, '/hubs', { name: 'admin-every-hub' });
    return listedHubs(admin);
  });
  assert.deepEqual(await listedHubs(page), everyHub, `${role} sees the hubs a national admin sees`);
  const paths = new Set([`/hubs/${first}`, `/hubs/${other}`, `/schools/${await schoolOfHub(other)}`, ...refusedToSomeone]);
  for (const path of paths) {
    if (path.startsWith('/admin/')) continue; // only the admins' pages: checked below
    await checkPage(page, path, { name: `${role}-sees-${path.replace(/[^A-Za-z0-9]+/g, '-')}` });
  }
  await checkPage(page, '/schools', { name: `${role}-all-schools` });
  assert.equal(await shownTotal(page), await adminTotal(''), `${role} finds every school`);
}

/** What a hub lead or Work Group Lead sees: their hub and its schools, nothing else. */
async function checkHubReach(page, role, home) {
  const hub = decodeURIComponent(home.replace(/^\/hubs\//, ''));
  const other = await hubOtherThan(hub);
  const outside = await schoolOfHub(other);
  const inside = await schoolOfHub(hub);

  await checkPage(page, `/schools/${inside}`, { name: `${role}-school-of-own-hub` });
  await assertRefused(page, role, `/hubs/${other}`);
  await assertRefused(page, role, `/schools/${outside}`);
  await assertApiRefused(page, `/api/v1/hubs/${encodeURIComponent(other)}`);
  await assertApiRefused(page, `/api/v1/schools/${outside}`);

  await checkPage(page, '/hubs', { name: `${role}-hubs` });
  assert.deepEqual(await listedHubs(page), [hub], 'the hubs index lists their own hub only');

  await checkPage(page, '/schools', { name: `${role}-schools` });
  const mine = await getJson(page, '/api/v1/schools');
  assert.equal(await shownTotal(page), mine.total, 'the page and the API count the same schools');
  assert.equal(mine.total, await adminTotal(`?hub=${encodeURIComponent(hub)}`), 'the search finds exactly the schools of their hub');
  for (const school of mine.items) assert.equal(school.hub, hub);

  await checkPage(page, `/schools?q=${outside}`, { name: `${role}-search-outside` });
  assert.equal(await shownTotal(page), 0, `searching for school ${outside} of hub ${other} finds nothing`);
}

/** What a school role sees: their school, and no other school or hub. */
async function checkSchoolReach(page, role, home) {
  const urn = Number(home.replace(/^\/schools\//, ''));
  const hub = await hubOfSchool(urn);
  const neighbour = await schoolOfHub(hub, urn);

  await assertRefused(page, role, `/schools/${neighbour}`);
  await assertRefused(page, role, `/hubs/${hub}`);
  await assertApiRefused(page, `/api/v1/schools/${neighbour}`);
  await assertApiRefused(page, `/api/v1/hubs/${encodeURIComponent(hub)}`);

  await checkPage(page, '/schools', { name: `${role}-schools` });
  assert.deepEqual(await listedUrns(page), [urn], 'the search finds their own school only');
  await checkPage(page, `/schools?q=${neighbour}`, { name: `${role}-search-neighbour` });
  assert.equal(await shownTotal(page), 0, `searching for school ${neighbour} of their hub finds nothing`);
  await checkPage(page, '/hubs', { name: `${role}-hubs` });
  assert.deepEqual(await listedHubs(page), [], 'the hubs index lists no hub');
}

// National roles last: they must see what the others were refused.
const ORDER = [...ROLES.filter((r) => r.reach !== 'national'), ...ROLES.filter((r) => r.reach === 'national')];

for (const { role, name, reach, landing } of ORDER) {
  test(`${role} signs in, lands on its place, sees what it may, is refused the rest, and signs out`, async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, role);
      const home = pathOf(page.url());
      assert.match(home, landing, `${role} lands on its place`);
      assert.equal((await mainNav(page).locator('.nav__user').textContent()).trim(), name);

      // The header offers only what the person may use, and every link it offers opens.
      const links = await navLinks(page);
      assert.ok(links.includes('Schools') && links.includes('API tokens'), `${role}'s header: ${links}`);
      assert.equal(links.includes('Maths Hubs'), reach !== 'school', `${role}'s header: ${links}`);
      if (role !== 'national-admin') assert.ok(!links.includes('People'), `${role}'s header: ${links}`);
      if (reach !== 'national') assert.ok(!links.includes('Audit trail'), `${role}'s header: ${links}`);
      for (const link of links) {
        await checkPage(page, () => mainNav(page).getByRole('link', { name: link, exact: true }).click(), {
          name: `${role}-nav-${link.replace(/\W+/g, '-')}`,
        });
        assert.equal(await mainNav(page).locator('a[aria-current="page"]').textContent(), link);
        assert.equal((await mainNav(page).locator('.nav__user').textContent()).trim(), name, 'still signed in');
        if (link === 'API tokens') assert.equal((await page.locator('h1').textContent()).trim(), 'Your API tokens');
      }

      if (reach === 'national') await checkNationalReach(page, role);
      else if (reach === 'hub') await checkHubReach(page, role, home);
      else await checkSchoolReach(page, role, home);

      // The admins' pages are the national admin's alone.
      for (const path of ['/admin/people', '/admin/audit', '/admin/outbox']) {
        if (role === 'national-admin') continue;
        if (path === '/admin/audit' && links.includes('Audit trail')) continue; // national viewers read it
        await assertRefused(page, role, path);
      }

      // (Back to a page of theirs first: error pages show the signed-out header, whoever asks.)
      await checkPage(page, home, { name: `${role}-home-again` });
      await signOut(page, { name: `signed-out-${role}` });
      assert.equal(await mainNav(page).locator('.nav__user').count(), 0);
      // The session is over: the place they landed on asks to sign in again (and to come back).
      await checkPage(page, home, { name: `after-sign-out-${role}` });
      assertAsksToSignIn(page.url(), home);
    } finally {
      await page.close();
    }
  });
}

test('signed out, every page but the public ones answers 303 to the sign-in page, and the API 401', async () => {
  const hub = await hubOtherThan('');
  const school = await schoolOfHub(hub);
  const page = await newPage(browser);
  try {
    for (const path of ['/schools', '/hubs', `/hubs/${hub}`, `/schools/${school}`, '/account/tokens', '/admin/people']) {
      const response = await checkPage(page, path, { name: `signed-out-${path.replace(/[^A-Za-z0-9]+/g, '-')}` });
      assertAsksToSignIn(page.url(), path);
      const redirect = await response.request().redirectedFrom()?.response();
      assert.equal(redirect?.status(), 303, `${path} should answer 303`);
      assertAsksToSignIn(redirect?.headers().location ?? '', path);
    }
    for (const path of ['/', '/sign-in', '/password-reset']) {
      await checkPage(page, path, { name: `public-${path.replace(/[^A-Za-z0-9]+/g, '-')}` });
      assert.equal(pathOf(page.url()), path, `${path} is public`);
    }
  } finally {
    await page.close();
  }

  // The API: no token, a wrong token, or a forged cookie get 401 problem+json; the description is public.
  for (const headers of [{}, { authorization: 'Bearer not-a-token' }, { cookie: 'masteryhub_session=forged' }]) {
    const response = await fetch(url('/api/v1/schools'), { headers: { accept: 'application/json', ...headers } });
    assert.equal(response.status, 401, `/api/v1/schools with ${JSON.stringify(headers)}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal((await response.json()).status, 401);
  }
  const openapi = await fetch(url('/api/openapi.json'));
  assert.equal(openapi.status, 200, '/api/openapi.json is public');
});

test('an API token (made with the CLI) reaches what its person may see, and no more', { skip: !process.env.E2E_API_TOKEN && 'E2E_API_TOKEN is not set' }, async () => {
  // run.sh makes E2E_API_TOKEN for the demo head of maths.
  const api = (path) =>
    fetch(url(path), { headers: { accept: 'application/json', authorization: `Bearer ${process.env.E2E_API_TOKEN}` } });
  const mine = await (await api('/api/v1/schools')).json();
  assert.equal(mine.total, 1, 'a head of maths finds their own school only');
  const [{ urn, hub }] = mine.items;
  assert.equal((await api(`/api/v1/schools/${urn}`)).status, 200);
  assert.equal((await api(`/api/v1/schools/${await schoolOfHub(hub, urn)}`)).status, 404);
  assert.equal((await api(`/api/v1/hubs/${encodeURIComponent(hub)}`)).status, 404);
  assert.deepEqual(await (await api('/api/v1/hubs')).json(), []);
});

test('a wrong password is refused with an error summary, and nothing says whether the account exists', async () => {
  const page = await newPage(browser);
  try {
    const messages = [];
    for (const email of ['hub-lead@demo.masteryhub.example', 'nobody@demo.masteryhub.example']) {
      await signIn(page, email, { password: 'not the password', status: 400, name: 'sign-in-refused' });
      assert.match(await page.title(), /^Error: /);
      messages.push(await page.locator('.error-summary').textContent());
      assert.equal(await page.getByLabel('Email address').inputValue(), email, 'the address is kept');
    }
    assert.equal(messages[0], messages[1]);
  } finally {
    await page.close();
  }
});

// --- the password reset: last, as it changes the teacher's password -----------------------------

/** Asks for a reset link on the password reset page and returns it, read from the email sent. */
async function askForResetLink(page, email, name) {
  await checkPage(page, '/sign-in', { name: `${name}-sign-in` });
  await checkPage(page, () => page.getByRole('link', { name: 'Forgotten your password?' }).click(), { name: `${name}-ask` });
  assert.equal(pathOf(page.url()), '/password-reset');
  const before = emailFiles();
  await page.getByLabel('Email address').fill(email);
  await checkPage(page, () => page.getByRole('button', { name: 'Send the link' }).click(), { name: `${name}-sent` });
  assert.equal((await page.locator('h1').textContent()).trim(), 'Check your email');
  const sent = await waitForEmail({ to: email, before, timeout: 15000 });
  assert.match(sent.subject, /password/i);
  const link = linkIn(sent, '/password-reset/');
  assert.match(new URL(link).pathname, /^\/password-reset\/[0-9a-f]{64}$/, 'the link carries a 64 hex digit token');
  assert.equal(new URL(link).origin, BASE_URL, 'the link leads to this server');
  return link;
}

/** Opens a reset link and sets a new password with it, landing on the sign-in page. */
async function setPasswordWith(page, link, password, name) {
  await checkPage(page, link, { name: `${name}-form` });
  assert.equal((await page.locator('h1').textContent()).trim(), 'Choose a new password');
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm the new password').fill(password);
  await checkPage(page, () => page.getByRole('button', { name: 'Set password' }).click(), { name: `${name}-set` });
  assert.equal(pathOf(page.url()), '/sign-in?password=set');
  assert.match(await page.locator('.notification').textContent(), /Your password is set/);
}

test('a forgotten password is reset through the link emailed, once', { skip: !MAIL_DIR && 'E2E_MAIL_DIR is not set' }, async () => {
  const role = 'teacher';
  const email = emailOf(role);
  const newPassword = `e2e new password ${Date.now()}`;
  const page = await newPage(browser);
  try {
    const link = await askForResetLink(page, email, 'reset');

    // A password too short is refused, beside its field; then a good one is set.
    await checkPage(page, link, { name: 'reset-form' });
    assert.match(await page.locator('main').textContent(), new RegExp(email.replaceAll('.', '\\.')), 'the form names the account');
    await page.getByLabel('New password', { exact: true }).fill('too short');
    await page.getByLabel('Confirm the new password').fill('too short');
    await checkPage(page, () => page.getByRole('button', { name: 'Set password' }).click(), { status: 400, name: 'reset-too-short' });
    assert.match(await page.title(), /^Error: /);
    assert.deepEqual(
      await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ['#password'],
    );
    await setPasswordWith(page, link, newPassword, 'reset');

    // The old password no longer works; the new one does.
    await signIn(page, role, { password: DEMO_PASSWORD, status: 400, name: 'reset-old-password-refused' });
    assert.match(await page.locator('.error-summary').textContent(), /Enter a correct email address and password/);
    await signIn(page, role, { password: newPassword, name: 'reset-new-password' });
    assert.match(pathOf(page.url()), /^\/schools\/\d+$/, 'the teacher lands on their school');
    await signOut(page, { name: 'reset-signed-out' });

    // The link worked once.
    await checkPage(page, link, { status: 404, name: 'reset-link-used' });
    assert.equal((await page.locator('h1').textContent()).trim(), 'This link no longer works');

    // Put the demo password back, the same way, for whatever uses this server next.
    const again = await askForResetLink(page, email, 'reset-back');
    assert.notEqual(again, link, 'each reset has its own link');
    await setPasswordWith(page, again, DEMO_PASSWORD, 'reset-back');
    await signIn(page, role, { name: 'reset-back-signed-in' });
  } finally {
    await page.close();
  }
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
