// Signing in as a demo account, the one way every test does it: through the real sign-in form
// (which carries the CSRF token of the `masteryhub_form` cookie the browser was given), with the
// form and the page it leads to going through `checkPage` like any other page.

import assert from 'node:assert/strict';

import { newPage } from './browser.js';
import { checkPage } from './check-page.js';
import { pathOf } from './server-url.js';

/** The password of every demo account (run.sh starts the demo with it). */
export const DEMO_PASSWORD = process.env.E2E_DEMO_PASSWORD ?? 'e2e-demo-password';

/**
 * Every demo role: its account's name, the kind of place it reaches (`national`: every hub and
 * school; `hub`: its own hub and that hub's schools; `school`: its own school), and where it lands
 * after signing in.
 */
export const ROLES = [
  { role: 'national-admin', name: 'Demo national admin', reach: 'national', landing: /^\/hubs$/ },
  { role: 'national-viewer', name: 'Demo national viewer', reach: 'national', landing: /^\/hubs$/ },
  { role: 'hub-lead', name: 'Demo hub lead', reach: 'hub', landing: /^\/hubs\/[A-Za-z0-9-]+$/ },
  { role: 'work-group-lead', name: 'Demo work group lead', reach: 'hub', landing: /^\/hubs\/[A-Za-z0-9-]+$/ },
  { role: 'school-leader', name: 'Demo school leader', reach: 'school', landing: /^\/schools\/\d+$/ },
  { role: 'head-of-maths', name: 'Demo head of maths', reach: 'school', landing: /^\/schools\/\d+$/ },
  { role: 'mastery-advocate', name: 'Demo mastery advocate', reach: 'school', landing: /^\/schools\/\d+$/ },
  { role: 'teacher', name: 'Demo teacher', reach: 'school', landing: /^\/schools\/\d+$/ },
];

/** The demo account of a role: "hub-lead" -> "hub-lead@demo.masteryhub.example". */
export function emailOf(role) {
  return `${role}@demo.masteryhub.example`;
}

/**
 * Signs in on `page` through the sign-in form: opens /sign-in (checked), fills in the email
 * address and password, presses "Sign in" and checks the page that follows. `who` is a demo role
 * ("hub-lead") or an email address. Options: `password` (the demo password), and `status` and
 * `name` for the page after submitting (200 and `signed-in-<who>`; a refused sign-in answers 400).
 * Returns that page's response.
 */
export async function signIn(page, who, { password = DEMO_PASSWORD, status = 200, name } = {}) {
  const email = who.includes('@') ? who : emailOf(who);
  const label = name ?? `signed-in-${who.split('@')[0]}`;
  await checkPage(page, '/sign-in', { name: `sign-in-for-${label}` });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  const response = await checkPage(page, () => page.getByRole('button', { name: 'Sign in' }).click(), {
    status,
    name: label,
  });
  if (status === 200) {
    assert.notEqual(pathOf(page.url()), '/sign-in', `${email} was not signed in`);
  }
  return response;
}

/**
 * A new page (its own browser context, so its own cookies) signed in as a demo role.
 * `contextOptions` go to `newPage` (no JavaScript, a small screen...).
 */
export async function signedInPage(browser, role, contextOptions = {}) {
  const page = await newPage(browser, contextOptions);
  await signIn(page, role);
  return page;
}

/** Signs out with the header's "Sign out" button (checked). */
export async function signOut(page, { name } = {}) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await checkPage(page, () => nav.getByRole('button', { name: 'Sign out' }).click(), { name });
  assert.equal(await nav.getByRole('link', { name: 'Sign in' }).count(), 1, 'signed out');
}
