// The email the application sends, read where it delivers it in the suite: run.sh starts the
// server with `--mail-dir` on a fresh folder (E2E_MAIL_DIR), and the server's background sender
// writes each email of the outbox there as an .eml file every couple of seconds.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The folder the server writes email to, or undefined when the suite cannot read its email. */
export const MAIL_DIR = process.env.E2E_MAIL_DIR || undefined;

/** The .eml files in the mail folder now (names), to tell later which ones are new. */
export function emailFiles() {
  assert.ok(MAIL_DIR, 'E2E_MAIL_DIR is not set');
  try {
    return new Set(readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')));
  } catch (error) {
    if (error.code === 'ENOENT') return new Set();
    throw error;
  }
}

/**
 * Waits (polling, up to `timeout` ms) for a new email to `to`: one in a file not in `before` (from
 * `emailFiles()`, taken before the email was asked for) and, given `subject` (a RegExp), whose
 * subject matches it (so that another email to the same person, sent earlier but written to the
 * folder late, is not taken for it). Resolves to the parsed email:
 * `{ file, headers, to, subject, body }`, with the body decoded (quoted-printable, base64, the text
 * part of a multipart email).
 */
export async function waitForEmail({ to, before, subject, timeout = 15000 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const file of emailFiles()) {
      if (before.has(file)) continue;
      let email;
      try {
        email = parseEmail(readFileSync(path.join(MAIL_DIR, file)));
      } catch {
        continue; // still being written: read it again on the next round
      }
      if (!email.to.toLowerCase().includes(to.toLowerCase())) continue;
      if (subject && !subject.test(email.subject)) continue;
      return { file, ...email };
    }
    if (Date.now() > deadline) {
      const what = subject ? `${to} with a subject matching ${subject}` : to;
      assert.fail(`no email to ${what} in ${MAIL_DIR} after ${timeout / 1000} s (files: ${[...emailFiles()].join(', ') || 'none'})`);
    }
    await sleep(250);
  }
}

/** The first link in an email's text whose path starts with `pathPrefix` ("/password-reset/"). */
export function linkIn(email, pathPrefix) {
  const links = (email.body.match(/https?:\/\/[^\s<>"]+/g) ?? []).map((l) => l.replace(/[.,;:)\]]+$/, ''));
  const link = links.find((l) => new URL(l).pathname.startsWith(pathPrefix));
  assert.ok(link, `no ${pathPrefix} link in the email ${email.file}:\n${email.body}`);
  return link;
}

/** An RFC 5322 message (bytes) -> `{ headers, to, subject, body }`. */
export function parseEmail(bytes) {
  const { headers, body } = parsePart(bytes.toString('latin1'));
  if (!headers.has('to') || !headers.has('subject')) throw new Error('not a whole email');
  return { headers, to: decodeWords(headers.get('to')), subject: decodeWords(headers.get('subject')), body };
}

/** Headers (lower-case names; folded lines joined) and the decoded text of a part. */
function parsePart(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  if (split < 0) throw new Error('no end of headers');
  const headers = new Map();
  const lines = raw.slice(0, split).split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i];
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1])) line += ` ${lines[++i].trim()}`;
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const content = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = type.match(/boundary="?([^";]+)"?/i)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = content
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .map((p) => parsePart(p.replace(/^\r?\n/, '')));
    const text = parts.find((p) => /^text\/plain/i.test(p.headers.get('content-type') ?? 'text/plain')) ?? parts[0];
    if (!text) throw new Error('an empty multipart email');
    return { headers, body: text.body };
  }
  const charset = type.match(/charset="?([^";]+)"?/i)?.[1] ?? 'utf-8';
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  return { headers, body: decodeBody(content, encoding, charset) };
}

function decodeBody(text, encoding, charset) {
  let bytes;
  if (encoding === 'quoted-printable') {
    bytes = quotedPrintable(text);
  } else if (encoding === 'base64') {
    bytes = Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  } else {
    bytes = Buffer.from(text, 'latin1');
  }
  return new TextDecoder(charset).decode(bytes);
}

/** Quoted-printable (RFC 2045): soft line breaks ("=" at a line's end) go, "=XX" are bytes. */
function quotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words in a header ("=?utf-8?q?...?=", "=?utf-8?b?...?="), decoded. */
function decodeWords(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset, kind, data) => {
      const bytes =
        kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64') : quotedPrintable(data.replace(/_/g, ' '));
      return new TextDecoder(charset).decode(bytes);
    });
}
