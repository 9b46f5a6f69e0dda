// Transfer size of a built page: every file in DIR (recursively, source maps excluded: a browser
// fetches them only with DevTools open), raw and gzip -9, per file and total. Files the page
// fetches only on demand (the encryption module, konaplate-console-crypto*) are totalled apart
// from the first load; TARGET_KB applies to the first load.
//   node size.mjs DIR LABEL [TARGET_KB]   prints a table; with TARGET_KB, whether the first load meets it
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const [dir, label, targetKb] = process.argv.slice(2);
const ON_DEMAND = /konaplate-console-crypto(_bg\.wasm|\.js)$/;
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !e.name.endsWith(".map"))
  .map((e) => join(e.parentPath ?? e.path, e.name))
  .sort();
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const pad = " ".repeat(label.length + 1);
const totals = { first: [0, 0, 0], demand: [0, 0, 0] };
console.log(`${label}: ${"raw".padStart(11)} ${"gzip -9".padStart(11)}  file`);
for (const file of files) {
  const bytes = readFileSync(file);
  const g = gzipSync(bytes, { level: 9 }).length;
  const t = totals[ON_DEMAND.test(file) ? "demand" : "first"];
  t[0] += bytes.length; t[1] += g; t[2] += 1;
  console.log(`${pad} ${kb(bytes.length)} ${kb(g)}  ${relative(dir, file)}${ON_DEMAND.test(file) ? " (on demand)" : ""}`);
}
const [raw, gz, n] = totals.first;
console.log(`${pad} ${kb(raw)} ${kb(gz)}  first load (${n} files; ${gz} B gzip)`);
if (totals.demand[2]) {
  const [r, g, m] = totals.demand;
  console.log(`${pad} ${kb(r)} ${kb(g)}  on demand: message encryption (${m} files; ${g} B gzip)`);
}
if (targetKb) {
  const met = gz <= Number(targetKb) * 1024;
  console.log(`${pad} target <= ${targetKb} KB gzip (first load): ${met ? "met" : "NOT met"} (${(gz / 1024).toFixed(1)} KB)`);
}
