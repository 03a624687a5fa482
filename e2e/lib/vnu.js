// The Nu HTML Checker (vnu.jar from the vnu-jar package, run with the system's Java), run once
// over many saved files: starting the JVM is the slow part.

import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
const JAVA = process.env.E2E_JAVA ?? 'java';

/**
 * Validates the given .html and .css files. Resolves to the list of errors, each
 * `{ file, line, column, message, extract }`; an empty list means every file is valid.
 * Rejects only when the checker itself could not run.
 */
export async function validate(files) {
  const html = files.filter((f) => !f.endsWith('.css'));
  const css = files.filter((f) => f.endsWith('.css'));
  // Two runs rather than --also-check-css, which misreports HTML line numbers (one too few).
  const [htmlErrors, cssErrors] = await Promise.all([run(html, []), run(css, ['--css'])]);
  return [...htmlErrors, ...cssErrors];
}

function run(files, options) {
  if (files.length === 0) return Promise.resolve([]);
  const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...options, ...files];
  return new Promise((resolve, reject) => {
    execFile(JAVA, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // The checker writes its JSON report to standard error and exits 1 when it found errors.
      let report;
      try {
        report = JSON.parse(stderr);
      } catch {
        reject(new Error(`the Nu checker did not run (${error?.message ?? 'no report'}):\n${stderr}${stdout}`));
        return;
      }
      resolve(
        report.messages
          .filter((m) => m.type === 'error' || m.type === 'non-document-error')
          .map((m) => ({
            file: m.url ? fileURLToPath(m.url) : '(checker)',
            line: m.lastLine ?? m.firstLine,
            column: m.firstColumn,
            message: m.message,
            extract: m.extract,
          })),
      );
    });
  });
}

/** Errors as lines a person can act on: "schools.html:12:5: message" and the extract. */
export function formatErrors(errors, { describe = (file) => path.basename(file) } = {}) {
  return errors
    .map((e) => {
      const where = `${describe(e.file)}${e.line ? `:${e.line}:${e.column ?? ''}` : ''}`;
      const extract = e.extract ? `\n      ${JSON.stringify(e.extract)}` : '';
      return `  ${where}: ${e.message}${extract}`;
    })
    .join('\n');
}
