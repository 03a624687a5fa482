// Where the application under test is: run.sh starts it and sets E2E_BASE_URL.

const raw = process.env.E2E_BASE_URL;
if (!raw) {
  throw new Error(
    'E2E_BASE_URL is not set: run the suite with e2e/run.sh, or set E2E_BASE_URL to a running masteryhub (e.g. http://127.0.0.1:8080)',
  );
}

/** The origin of the application, e.g. "http://127.0.0.1:40123". */
export const BASE_URL = new URL(raw).origin;

/** The absolute URL of a path ("/schools?q=x") or of an absolute URL on the application. */
export function url(pathOrUrl) {
  return new URL(pathOrUrl, BASE_URL).href;
}

/** The path and query of an absolute URL on the application ("/schools?q=x"). */
export function pathOf(absoluteUrl) {
  const u = new URL(absoluteUrl, BASE_URL);
  return u.pathname + u.search;
}

/**
 * Fetches JSON from the application's API as the person signed in on `page` (the API takes the
 * session cookie as well as a bearer token), asserting a 200: the API answers with what that
 * person may see, so it is the oracle of what their pages should show.
 */
export async function getJson(page, path) {
  const response = await page.context().request.get(url(path), { headers: { accept: 'application/json' } });
  if (response.status() !== 200) {
    throw new Error(`GET ${path} answered ${response.status()}: ${await response.text()}`);
  }
  return response.json();
}
