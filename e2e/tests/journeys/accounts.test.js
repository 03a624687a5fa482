// Signing in and out as every demo account (one per role), and a refused sign-in.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newPage } from '../../lib/browser.js';
import { checkPage, validateVisitedPages } from '../../lib/check-page.js';

const PASSWORD = process.env.E2E_DEMO_PASSWORD ?? 'e2e-demo-password';
// Each role's name, and where it lands after signing in: national roles on every hub, hub roles
// on their hub, school roles on their school.
const ROLES = [
  ['national-admin', 'Demo national admin', /^\/hubs$/],
  ['national-viewer', 'Demo national viewer', /^\/hubs$/],
  ['hub-lead', 'Demo hub lead', /^\/hubs\/LCW$/],
  ['work-group-lead', 'Demo work group lead', /^\/hubs\/LCW$/],
  ['school-leader', 'Demo school leader', /^\/schools\/\d+$/],
  ['head-of-maths', 'Demo head of maths', /^\/schools\/\d+$/],
  ['mastery-advocate', 'Demo mastery advocate', /^\/schools\/\d+$/],
  ['teacher', 'Demo teacher', /^\/schools\/\d+$/],
];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

async function signIn(page, email, password, expected) {
  await checkPage(page, '/sign-in', { name: 'sign-in' });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  return checkPage(page, () => page.getByRole('button', { name: 'Sign in' }).click(), expected);
}

for (const [role, name, landing] of ROLES) {
  test(`${role} signs in, lands on its place, is named on every page, and signs out`, async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, `${role}@demo.masteryhub.example`, PASSWORD, { name: `signed-in-${role}` });
      assert.match(new URL(page.url()).pathname, landing, `${role} lands on its place`);
      const nav = page.getByRole('navigation', { name: 'Main' });
      assert.equal((await nav.locator('.nav__user').textContent()).trim(), name);
      await checkPage(page, () => nav.getByRole('link', { name: 'Schools' }).click(), { name: `schools-as-${role}` });
      assert.equal((await nav.locator('.nav__user').textContent()).trim(), name, 'still signed in');
      await checkPage(page, () => nav.getByRole('link', { name: 'API tokens' }).click(), { name: `tokens-${role}` });
      assert.equal((await page.locator('h1').textContent()).trim(), 'Your API tokens');
      await checkPage(page, () => nav.getByRole('button', { name: 'Sign out' }).click(), { name: `signed-out-${role}` });
      assert.equal(await nav.getByRole('link', { name: 'Sign in' }).count(), 1);
      assert.equal(await nav.locator('.nav__user').count(), 0);
    } finally {
      await page.close();
    }
  });
}

test('a wrong password is refused with an error summary, and nothing says whether the account exists', async () => {
  const page = await newPage(browser);
  try {
    const messages = [];
    for (const email of ['hub-lead@demo.masteryhub.example', 'nobody@demo.masteryhub.example']) {
      await signIn(page, email, 'not the password', { status: 400, name: 'sign-in-refused' });
      assert.match(await page.title(), /^Error: /);
      messages.push(await page.locator('.error-summary').textContent());
      assert.equal(await page.getByLabel('Email address').inputValue(), email, 'the address is kept');
    }
    assert.equal(messages[0], messages[1]);
  } finally {
    await page.close();
  }
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
