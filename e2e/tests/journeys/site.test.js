// Site-wide: the home page (public), the page-not-found page, and the skip link. Everything but
// the home page and the sign-in pages is behind sign-in: this file signs in as a national admin.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { signedInPage } from '../../lib/accounts.js';
import { launchBrowser, newPage } from '../../lib/browser.js';
import { checkPage, validateVisitedPages } from '../../lib/check-page.js';

let browser;
let page; // signed in as a national admin
before(async () => {
  browser = await launchBrowser();
  page = await signedInPage(browser, 'national-admin');
});
after(() => browser?.close());

async function assertHome(page, name) {
  await checkPage(page, '/', { name });
  assert.equal(await page.locator('h1').textContent(), 'Secondary Teaching for Mastery');
  assert.match(await page.title(), /masteryhub/);
  const figures = await page.locator('.card__figure').allTextContents();
  assert.equal(figures.length, 3);
  for (const figure of figures) assert.match(figure.trim(), /^[\d,]+$/, 'each figure is a number');
}

test('signed out, the home page shows the register figures, and where to start asks to sign in first', async () => {
  const anonymous = await newPage(browser);
  try {
    await assertHome(anonymous, 'home-signed-out');
    // Where to start is signing in: the pages behind it are not offered.
    const main = anonymous.getByRole('main');
    assert.equal(await main.getByRole('link', { name: 'Find a state-funded secondary school' }).count(), 0);
    await checkPage(anonymous, () => main.getByRole('link', { name: 'Sign in', exact: true }).click(), {
      name: 'home-start-here-signed-out',
    });
    assert.equal(new URL(anonymous.url()).pathname, '/sign-in');
  } finally {
    await anonymous.close();
  }
});

test('signed in, the home page leads to the schools', async () => {
  await assertHome(page, 'home');
  await checkPage(page, () => page.getByRole('link', { name: 'Find a state-funded secondary school' }).click(), {
    name: 'home-start-here',
  });
  assert.equal(new URL(page.url()).pathname, '/schools');
});

for (const [path, name] of [
  ['/no-such-page', 'not-found'],
  ['/schools/999999999', 'not-found-school'],
  ['/hubs/NO-SUCH-HUB', 'not-found-hub'],
]) {
  test(`${path} answers 404 with an accessible, valid page`, async () => {
    await checkPage(page, path, { status: 404, name });
    assert.equal(await page.locator('h1').textContent(), 'Page not found');
    assert.match(await page.title(), /Page not found/);
    await checkPage(page, () => page.getByRole('link', { name: 'Go to the masteryhub home page' }).click(), {
      name: `${name}-home`,
    });
  });
}

for (const [path, name] of [
  ['/', 'skip-link-home'],
  ['/schools', 'skip-link-schools'],
]) {
  test(`on ${path} the skip link is the first focusable element and moves to the main content`, async () => {
    await checkPage(page, path, { name });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      href: document.activeElement?.getAttribute('href'),
    }));
    assert.deepEqual(focused, { text: 'Skip to main content', href: '#main-content' });

    // A focused skip link is visible on screen (it is hidden off-screen until then).
    const box = await page.locator('.skip-link').boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 1 && box.height > 1, `skip link not visible: ${JSON.stringify(box)}`);

    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#main-content');
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'main-content');
    // The next Tab continues from the main content, past the header's links.
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest('#main-content')));
    assert.ok(inMain, 'after the skip link, Tab should reach an element inside the main content');
  });
}

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
