// Transfer size of a built page: every file in DIR (recursively, source maps excluded: a browser
// fetches them only with DevTools open), raw and gzip -9, per file and total.
//   node size.mjs DIR LABEL [TARGET_KB]   prints a table; with TARGET_KB, whether the gzip total meets it
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const [dir, label, targetKb] = process.argv.slice(2);
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !e.name.endsWith(".map"))
  .map((e) => join(e.parentPath ?? e.path, e.name))
  .sort();
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
let raw = 0, gz = 0;
console.log(`${label}: ${"raw".padStart(11)} ${"gzip -9".padStart(11)}  file`);
for (const file of files) {
  const bytes = readFileSync(file);
  const g = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += g;
  console.log(`${" ".repeat(label.length + 1)} ${kb(bytes.length)} ${kb(g)}  ${relative(dir, file)}`);
}
console.log(`${" ".repeat(label.length + 1)} ${kb(raw)} ${kb(gz)}  total (${files.length} files)`);
if (targetKb) {
  const met = gz <= Number(targetKb) * 1024;
  console.log(`${" ".repeat(label.length + 1)} target <= ${targetKb} KB gzip: ${met ? "met" : "NOT met"} (${(gz / 1024).toFixed(1)} KB)`);
}
