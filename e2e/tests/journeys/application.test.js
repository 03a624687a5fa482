// A whole application, as the people who make it: the demo head of maths applies for the next stage
// of their department's pathway in the current academic year (choosing a Work Group, nominating the
// Mastery Advocates, the senior leader's commitment; refused while a section is missing), the hub
// lead sees it among the hub's applications, eligible, and accepts it into a Work Group; the school
// then sees the outcome (its page, the application, an email), and the department is enrolled,
// "alongside", in a Work Group of the stage's co-requisite programme.
//
// Nothing is taken for granted but the demo's roles: the school is where the head of maths lands,
// the hub where the hub lead lands (the same hub), the year the first the school may apply for (the
// current one), the stage the first the department is eligible for then and has not applied for,
// the Work Groups those the hub lead's pages list, the co-requisites those the application names.
//
// This changes the demo: the school gets an accepted application and two Work Group places. Other
// files running at the same time (the crawl, the accounts) look at the same school and hub, and
// assert nothing this changes; the crawl forgives a link that a change made meanwhile took away
// (the sections of this draft, once it is submitted). Run it on a fresh demo (e2e/run.sh starts
// one): on a server where it already ran, the department is no longer eligible, and it says so.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { emailOf, signedInPage } from '../../lib/accounts.js';
import { launchBrowser } from '../../lib/browser.js';
import { checkPage, validateVisitedPages } from '../../lib/check-page.js';
import { MAIL_DIR, emailFiles, linkIn, waitForEmail } from '../../lib/mail.js';
import { BASE_URL, getJson, pathOf } from '../../lib/server-url.js';

let browser;
let school; // signed in as the demo head of maths
let hub; // signed in as the demo hub lead
before(async () => {
  browser = await launchBrowser();
  school = await signedInPage(browser, 'head-of-maths');
  hub = await signedInPage(browser, 'hub-lead');
});
after(() => browser?.close());

/** What the walk finds on the way, for the steps after. */
const found = {};

function needs(...keys) {
  for (const key of keys) assert.ok(found[key] !== undefined, `an earlier step did not find ${key}: see its failure`);
}

const text = async (locator) => (await locator.textContent()).replace(/\s+/g, ' ').trim();
const h1 = (page) => text(page.locator('h1'));
/** The status tag under an application page's heading. */
const statusOf = (page) => text(page.locator('h1 + p .tag'));
/** The tag of one section ("work-group", "advocates", "senior-leader") of the task list. */
const sectionTag = (page, id) => text(page.locator(`.task-list #${id} .tag`));

/** The rows of a table, each the trimmed text of its cells (th and td) and its links' paths. */
function tableRows(page) {
  return page.locator('table.table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      cells: [...tr.children].map((c) => c.textContent.replace(/\s+/g, ' ').trim()),
      links: [...tr.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    })),
  );
}

/** The Work Groups of the hub lead's hub in the year shown on the page, from its table. */
async function workGroupsShown(page) {
  return (await tableRows(page)).map(({ cells: [name, programme, focus, , departments, status], links: [href] }) => {
    const [members, capacity] = departments.split(' of ').map(Number);
    const [code, ...stage] = programme.split(' ');
    return { id: Number(href.replace(/^\/work-groups\//, '')), href, name, code, stage: stage.join(' '), focus, members, capacity, status };
  });
}

/** The departments listed on a Work Group's page: school, URN and stage cells. */
async function departmentsOf(page) {
  return (await tableRows(page)).map(({ cells: [name, urn, stage] }) => ({ name, urn: Number(urn), stage }));
}

/** The value beside a term of a summary list ("Departments" -> "3 of 6"). */
function summaryValue(page, term) {
  return text(page.locator('.summary-list__row').filter({ has: page.locator('dt', { hasText: term }) }).locator('dd'));
}

/** A string matched literally inside a RegExp. */
const literally = (string) => string.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The error summary's links: where each points and what it says. */
function errorSummary(page) {
  return page
    .locator('.error-summary a')
    .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.replace(/\s+/g, ' ').trim() })));
}

test('the head of maths opens their school and, from it, the form to apply, which shows where the department is eligible', async () => {
  const landing = pathOf(school.url());
  assert.match(landing, /^\/schools\/\d+$/, 'the head of maths lands on their school');
  found.urn = Number(landing.split('/').pop());
  const record = await getJson(school, `/api/v1/schools/${found.urn}`);
  found.schoolName = record.name;
  found.hubCode = record.hub;
  assert.ok(found.hubCode, `${record.name} has a Maths Hub`);

  await checkPage(school, landing, { name: 'school-before' });
  assert.equal(await h1(school), found.schoolName);
  // Its applications, as "Stage, year" (the links' text).
  const applied = (await school.locator('a[href^="/applications/"]').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  found.applicationsBefore = applied.length;

  await checkPage(school, () => school.getByRole('link', { name: 'Apply to the programme' }).click(), { name: 'apply' });
  assert.equal(pathOf(school.url()), `/schools/${found.urn}/apply`);
  assert.equal(await h1(school), 'Apply to the programme');

  // The years it may apply for: the current one first, then the next (selected by default).
  const years = await school.locator('select#year option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
  assert.ok(years.length >= 1, 'the form offers a year');
  const [current] = years;
  found.year = current.value; // "2026-27", as addresses carry it
  found.yearLabel = current.label; // "2026/27", as pages show it
  assert.match(found.year, /^\d{4}-\d{2}$/);
  const headings = await school.locator('table.table thead th').allTextContents();
  assert.deepEqual(headings.slice(1).map((h) => h.trim()), years.map((y) => y.label), 'the eligibility table has a column per year offered');

  // The stage: the first the department is eligible for in the current year, by the table, and
  // has not applied for yet (Preparatory, optional, is open to any department)…
  const grid = await tableRows(school);
  const eligible = grid
    .filter(({ cells }) => cells[1] === 'Eligible' && !applied.includes(`${cells[0]}, ${found.yearLabel}`))
    .map(({ cells }) => cells[0]);
  assert.ok(
    eligible.length > 0,
    `${found.schoolName} has applied for every stage it is eligible for in ${found.yearLabel} (has this walk already run on this server? it needs a fresh demo):\n` +
      grid.map(({ cells }) => `  ${cells[0]}: ${cells[1]}`).join('\n') +
      `\n  applications: ${applied.join('; ') || 'none'}`,
  );
  found.stageLabel = eligible[0];
  const option = await school.locator('select#stage option').evaluateAll(
    (os, label) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })).find((o) => o.label === label),
    found.stageLabel,
  );
  assert.ok(option, `the form offers ${found.stageLabel}`);
  found.stage = option.value;

  // …which the API, asked as the same person, confirms.
  const answer = await getJson(school, `/api/v1/schools/${found.urn}/eligibility?stage=${found.stage}&year=${found.year}`);
  assert.equal(answer.eligible, true, `the API says ${found.schoolName} is not eligible for ${found.stage} in ${found.year}: ${JSON.stringify(answer)}`);
  found.coRequisites = answer.co_requisites ?? [];
  assert.ok(found.coRequisites.length > 0, `${found.stageLabel} has a co-requisite programme (the walk checks the enrolment in it)`);
});

test("the hub lead's hub is the school's, and has recruiting Work Groups with room for the stage and its co-requisites", async () => {
  needs('hubCode', 'year', 'stageLabel', 'coRequisites');
  const landing = pathOf(hub.url());
  assert.equal(landing, `/hubs/${encodeURIComponent(found.hubCode)}`, "the hub lead lands on the school's hub");

  await checkPage(hub, () => hub.getByRole('link', { name: 'Work Groups', exact: true }).click(), { name: 'hub-work-groups' });
  assert.equal(pathOf(hub.url()), `/hubs/${encodeURIComponent(found.hubCode)}/work-groups`);
  assert.equal(await h1(hub), `Work Groups ${found.yearLabel}`, 'the Work Groups open on the current year');
  const groups = await workGroupsShown(hub);
  const withRoom = (g) => g.status !== 'Closed' && g.members < g.capacity;

  const mainGroup = groups.find((g) => g.stage === found.stageLabel && g.status === 'Recruiting' && withRoom(g));
  assert.ok(mainGroup, `no recruiting ${found.stageLabel} Work Group with room in ${found.yearLabel}: ${JSON.stringify(groups)}`);
  found.group = mainGroup;
  // Where the co-requisite place goes: a Work Group of each co-requisite programme with room.
  found.alongside = groups.filter((g) => found.coRequisites.includes(g.code) && withRoom(g));
  for (const code of found.coRequisites) {
    assert.ok(found.alongside.some((g) => g.code === code), `no ${code} Work Group with room in ${found.yearLabel}: ${JSON.stringify(groups)}`);
  }
});

test('the head of maths starts the application, fills in its sections, is refused while one is missing, and submits it', async () => {
  needs('urn', 'year', 'stage', 'group');
  await checkPage(school, `/schools/${found.urn}/apply`, { name: 'apply-again' });
  await school.getByLabel('Stage').selectOption(found.stage);
  await school.getByLabel('Academic year').selectOption(found.year);
  await checkPage(school, () => school.getByRole('button', { name: 'Start the application' }).click(), { name: 'application-started' });
  const path = pathOf(school.url());
  assert.match(path, /^\/applications\/\d+$/, 'starting leads to the new application');
  found.application = path;
  assert.equal(await h1(school), `Application for ${found.stageLabel}`);
  assert.equal(await statusOf(school), 'Draft');
  assert.match(await text(school.locator('.caption')), new RegExp(`^${literally(`${found.schoolName}, ${found.yearLabel}`)}$`));
  assert.match(await text(school.locator('main')), new RegExp(`The department is eligible for ${found.stageLabel} in`));
  assert.equal(await sectionTag(school, 'advocates'), 'Not yet completed');
  assert.equal(await sectionTag(school, 'senior-leader'), 'Not yet completed');

  // The Work Group: the hub lead's recruiting group, offered by its name and focus.
  await checkPage(school, () => school.getByRole('link', { name: 'Choose a Work Group' }).click(), { name: 'application-work-group' });
  assert.equal(pathOf(school.url()), `${found.application}/work-group`);
  assert.equal(await h1(school), 'Choose a Work Group');
  const offered = await school.locator('select#work_group option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
  assert.deepEqual(offered[0], { value: '', label: 'Leave it to the hub to place us' });
  const choice = offered.find((o) => o.label === `${found.group.name} – ${found.group.focus}`);
  assert.ok(choice, `${found.group.name} is not offered: ${JSON.stringify(offered)}`);
  assert.equal(Number(choice.value), found.group.id);
  await school.getByLabel('Work Group').selectOption(choice.value);
  await checkPage(school, () => school.getByRole('button', { name: 'Save and return to the application' }).click(), { name: 'application-work-group-saved' });
  assert.equal(pathOf(school.url()), found.application);
  assert.equal(await sectionTag(school, 'work-group'), found.group.name);

  // The Mastery Advocates.
  await checkPage(school, () => school.getByRole('link', { name: 'Nominate the Mastery Advocates' }).click(), { name: 'application-advocates' });
  assert.equal(pathOf(school.url()), `${found.application}/advocates`);
  const domain = `school${found.urn}.example`;
  await school.getByLabel("First Mastery Advocate's name").fill('Priya Shah');
  await school.getByLabel("First Mastery Advocate's email address").fill(`priya.shah@${domain}`);
  await school.getByLabel("Second Mastery Advocate's name").fill('Tom Okafor');
  await school.getByLabel("Second Mastery Advocate's email address").fill(`tom.okafor@${domain}`);
  await checkPage(school, () => school.getByRole('button', { name: 'Save and return to the application' }).click(), { name: 'application-advocates-saved' });
  assert.equal(pathOf(school.url()), found.application);
  assert.equal(await sectionTag(school, 'advocates'), 'Completed');
  assert.match(await text(school.locator('main')), /Priya Shah \(priya\.shah@/);

  // Submitting without the senior leader's commitment is refused, naming that section only.
  await checkPage(school, () => school.getByRole('button', { name: 'Submit the application' }).click(), { status: 400, name: 'application-submit-refused' });
  assert.equal(pathOf(school.url()), `${found.application}/submit`);
  assert.match(await school.title(), /^Error: /);
  const problems = await errorSummary(school);
  assert.ok(problems.length > 0, 'the error summary lists the problems');
  assert.deepEqual([...new Set(problems.map((p) => p.href))], ['#senior-leader'], `every problem is in the senior leader's section: ${JSON.stringify(problems)}`);
  assert.ok(problems.some((p) => /senior leader/.test(p.text)), `the summary names the senior leader: ${JSON.stringify(problems)}`);
  assert.equal(await school.locator('#senior-leader').count(), 1, 'the summary links to the section');
  // Nothing changed: still a draft, the hub does not see it.
  await checkPage(school, found.application, { name: 'application-after-refusal' });
  assert.equal(await statusOf(school), 'Draft');
  assert.equal(await sectionTag(school, 'senior-leader'), 'Not yet completed');
  assert.equal(await sectionTag(school, 'advocates'), 'Completed');
  await checkPage(hub, `/hubs/${encodeURIComponent(found.hubCode)}/applications?year=${found.year}`, { name: 'hub-applications-before-submission' });
  assert.equal(await hub.locator(`table.table a[href="${found.application}"]`).count(), 0, 'the hub does not see a draft');

  // The senior leader's commitment.
  await checkPage(school, () => school.getByRole('link', { name: "Senior leader's commitment" }).click(), { name: 'application-senior-leader' });
  assert.equal(pathOf(school.url()), `${found.application}/senior-leader`);
  await school.getByLabel("Senior leader's name").fill('Dr Helen Marsh');
  await school.getByLabel('Their role, for example Deputy headteacher').fill('Deputy headteacher');
  await school
    .getByLabel("The senior leader's statement of support")
    .fill('The school will give the Mastery Advocates the time to take part in every Work Group meeting and to lead the department.');
  await school.getByLabel('The school commits release time and attendance for the full academic year').check();
  await checkPage(school, () => school.getByRole('button', { name: 'Save and return to the application' }).click(), { name: 'application-senior-leader-saved' });
  assert.equal(pathOf(school.url()), found.application);
  for (const section of ['advocates', 'senior-leader']) assert.equal(await sectionTag(school, section), 'Completed', section);
  assert.equal(await sectionTag(school, 'work-group'), found.group.name);

  // Submitted: the hub lead is told, and the form can no longer be changed.
  const before = MAIL_DIR ? emailFiles() : null;
  await checkPage(school, () => school.getByRole('button', { name: 'Submit the application' }).click(), { name: 'application-submitted' });
  assert.equal(pathOf(school.url()), found.application);
  assert.equal(await statusOf(school), 'Submitted');
  assert.equal(await school.getByRole('link', { name: 'Choose a Work Group' }).count(), 0, 'a submitted application cannot be changed');
  assert.equal(await school.getByRole('button', { name: 'Submit the application' }).count(), 0);
  if (MAIL_DIR) {
    const email = await waitForEmail({ to: emailOf('hub-lead'), before, subject: new RegExp(`^New application: ${literally(found.schoolName)} for ${found.stageLabel}`) });
    assert.equal(new URL(linkIn(email, '/applications/')).pathname, found.application, 'the email links to the application');
    assert.equal(new URL(linkIn(email, '/applications/')).origin, BASE_URL);
  }
});

test("the hub lead finds it among the hub's applications, eligible, and accepts it into the Work Group", async () => {
  needs('application', 'group');
  await checkPage(hub, `/hubs/${encodeURIComponent(found.hubCode)}`, { name: 'hub' });
  await checkPage(hub, () => hub.getByRole('link', { name: 'Applications from schools' }).click(), { name: 'hub-applications' });
  assert.equal(pathOf(hub.url()), `/hubs/${encodeURIComponent(found.hubCode)}/applications`);
  assert.equal(await h1(hub), `Applications ${found.yearLabel}`, "the hub's applications open on the current year");
  const row = (await tableRows(hub)).find((r) => r.links.includes(found.application));
  assert.ok(row, `${found.application} is not listed`);
  assert.deepEqual(row.cells, [found.schoolName, found.stageLabel, found.group.name, 'Eligible', 'Submitted']);

  await checkPage(hub, () => hub.locator(`table.table a[href="${found.application}"]`).click(), { name: 'hub-application' });
  assert.equal(pathOf(hub.url()), found.application);
  assert.equal(await statusOf(hub), 'Submitted');
  assert.equal(await hub.getByRole('link', { name: 'Choose a Work Group' }).count(), 0, 'the hub does not edit the school’s form');

  const before = MAIL_DIR ? emailFiles() : null;
  await hub.getByRole('radio', { name: 'Accept' }).check();
  const offered = await hub.locator('select#work_group option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
  const option = offered.find((o) => Number(o.value) === found.group.id);
  assert.ok(option, `the decision does not offer ${found.group.name}: ${JSON.stringify(offered)}`);
  assert.equal(option.label, `${found.group.name} (${found.group.members} of ${found.group.capacity} places taken)`);
  await hub.getByLabel('Work Group the department joins').selectOption(option.value);
  await hub.getByLabel('Reason').fill('Welcome to the Work Group: the first meeting is in the spring term.');
  await checkPage(hub, () => hub.getByRole('button', { name: 'Record the decision' }).click(), { name: 'hub-application-accepted' });
  assert.equal(pathOf(hub.url()), found.application);
  assert.equal(await statusOf(hub), 'Accepted');
  assert.equal(await hub.getByRole('button', { name: 'Record the decision' }).count(), 0, 'decided once');
  assert.equal(await hub.locator(`main a[href="${found.group.href}"]`).count(), 1, 'the application links to its Work Group');
  found.mailBefore = before;

  await checkPage(hub, `/hubs/${encodeURIComponent(found.hubCode)}/applications?year=${found.year}`, { name: 'hub-applications-after' });
  const after = (await tableRows(hub)).find((r) => r.links.includes(found.application));
  assert.equal(after?.cells[4], 'Accepted');
});

test('the school sees the outcome: on its page, its pathway, the application, and an email', async () => {
  needs('application', 'group');
  await checkPage(school, `/schools/${found.urn}`, { name: 'school-after' });
  const item = school.locator('ul.list li').filter({ has: school.locator(`a[href="${found.application}"]`) });
  assert.equal(await item.count(), 1, 'the school page lists the application');
  assert.equal(await text(item), `${found.stageLabel}, ${found.yearLabel}: Accepted`);
  assert.equal(await school.locator('a[href^="/applications/"]').count(), found.applicationsBefore + 1, 'one application more');
  const timeline = (await school.locator('.timeline__item').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.ok(
    timeline.some((t) => t.startsWith(`${found.yearLabel} ${found.stageLabel}: In progress, in ${found.group.name}`)),
    `the pathway shows ${found.stageLabel} in ${found.yearLabel}: ${JSON.stringify(timeline)}`,
  );

  await checkPage(school, () => school.locator(`a[href="${found.application}"]`).click(), { name: 'application-accepted' });
  assert.equal(await statusOf(school), 'Accepted');
  assert.match(await text(school.locator('main')), new RegExp(`Work Group: ${literally(found.group.name)}`));
  assert.equal(await school.getByRole('button', { name: 'Withdraw the application' }).count(), 1, 'the school may still withdraw');

  if (!MAIL_DIR) return; // E2E_MAIL_DIR is not set: the email cannot be read
  needs('mailBefore');
  const email = await waitForEmail({ to: emailOf('head-of-maths'), before: found.mailBefore, subject: /accepted/i });
  assert.match(email.subject, new RegExp(`^${literally(`${found.schoolName}: ${found.stageLabel} ${found.yearLabel} application accepted`)}$`));
  assert.match(email.body, /has been accepted/);
  assert.equal(new URL(linkIn(email, '/applications/')).pathname, found.application, 'the email links to the application');
});

test('the department has a place in the Work Group, and one alongside in a Work Group of each co-requisite', async () => {
  needs('group', 'alongside');
  await checkPage(hub, `/hubs/${encodeURIComponent(found.hubCode)}/work-groups?year=${found.year}`, { name: 'hub-work-groups-after' });
  const groups = await workGroupsShown(hub);
  const mainGroup = groups.find((g) => g.id === found.group.id);
  assert.equal(mainGroup?.members, found.group.members + 1, `${found.group.name} has one department more`);

  await checkPage(hub, () => hub.locator(`table.table a[href="${found.group.href}"]`).click(), { name: 'work-group' });
  assert.equal(await h1(hub), found.group.name);
  const inMain = (await departmentsOf(hub)).filter((d) => d.urn === found.urn);
  assert.deepEqual(inMain, [{ name: found.schoolName, urn: found.urn, stage: found.stageLabel }], 'a place of its own, not alongside');
  assert.equal(await summaryValue(hub, 'Departments'), `${found.group.members + 1} of ${found.group.capacity}`);

  // Each co-requisite programme: exactly one of its Work Groups lists the department, alongside.
  for (const code of found.coRequisites) {
    const listing = [];
    for (const candidate of found.alongside.filter((g) => g.code === code)) {
      await checkPage(hub, `/hubs/${encodeURIComponent(found.hubCode)}/work-groups?year=${found.year}`, { name: `hub-work-groups-to-${code}` });
      await checkPage(hub, () => hub.locator(`table.table a[href="${candidate.href}"]`).click(), { name: `work-group-${code}` });
      assert.equal(await h1(hub), candidate.name);
      const rows = (await departmentsOf(hub)).filter((d) => d.urn === found.urn);
      if (rows.length === 0) continue;
      assert.equal(rows.length, 1);
      assert.equal(rows[0].name, found.schoolName);
      assert.match(rows[0].stage, / \(alongside\)$/, `${candidate.name} lists the department alongside`);
      listing.push(candidate);
      assert.equal(await summaryValue(hub, 'Departments'), `${candidate.members + 1} of ${candidate.capacity}`, 'one department more');
    }
    assert.equal(listing.length, 1, `exactly one ${code} Work Group lists ${found.schoolName}: ${listing.map((g) => g.name)}`);
  }
});

test('the HTML of every page visited is valid (Nu checker)', validateVisitedPages);
