// Transfer size of a built page: every file in DIR (recursively, source maps excluded: a browser
// fetches them only with DevTools open), raw and gzip -9, per file and total (the embed sample
// page is listed but counted in no total). The on-demand Wasm
// modules (konaplate-console-NAME.js + _bg.wasm for each NAME below, fetched only after a user
// action) are totalled apart from the first load, one total per module; so is the console built
// with the document loader (konaplate-console-spec.js + _bg.wasm), which a console given a `spec`
// loads instead of konaplate-console.js + _bg.wasm: its first load is printed too. So is the
// built-in console's second module (konaplate-console_rest.wasm, scripts/split-console.mjs),
// fetched once the console is up: what the first paint does not run. TARGET_KB applies to the
// first load (the page without a spec).
//   node size.mjs DIR LABEL [TARGET_KB]   prints a table; with TARGET_KB, whether the first load meets it
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const [dir, label, targetKb] = process.argv.slice(2);
// What www/konaplate-try-it.js loads on demand, and what each one does.
const ON_DEMAND = {
  crypto: "message encryption",
  diagnose: "the Diagnose panel",
  sandbox: "the in-browser sandbox",
  operations: "the built-in operations beyond the charge flow",
};
// The embed sample (www/embed.html and its host styles) is a second page beside the Try It page,
// which never fetches it: listed, but in no total.
const SAMPLE = /(^|\/)embed(-host\.css|\.html)$/;
const SPEC = "spec"; // konaplate-console-spec: the console for a `spec`, instead of the built-in one
const REST = "rest"; // konaplate-console_rest.wasm: the console's second module, after first paint
const builtInConsole = (file) => /konaplate-console(_bg\.wasm|\.js)$/.test(file);
// konaplate-operations.txt is data, not Wasm: the first load has those operations as stubs.
const onDemand = (file) =>
  /konaplate-console_rest\.wasm$/.test(file)
    ? REST
    : /konaplate-operations\.txt$/.test(file)
    ? "operations"
    : [...Object.keys(ON_DEMAND), SPEC].find((name) => new RegExp(`konaplate-console-${name}(_bg\\.wasm|\\.js)$`).test(file));
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !e.name.endsWith(".map"))
  .map((e) => join(e.parentPath ?? e.path, e.name))
  .sort();
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const pad = " ".repeat(label.length + 1);
const totals = { first: [0, 0, 0] };
const console_ = [0, 0, 0]; // konaplate-console.js + _bg.wasm, which a page with a spec does not fetch
console.log(`${label}: ${"raw".padStart(11)} ${"gzip -9".padStart(11)}  file`);
for (const file of files) {
  const bytes = readFileSync(file);
  const g = gzipSync(bytes, { level: 9 }).length;
  const name = onDemand(file);
  if (SAMPLE.test(file)) {
    console.log(`${pad} ${kb(bytes.length)} ${kb(g)}  ${relative(dir, file)} (the embed sample page: in no total)`);
    continue;
  }
  const t = (totals[name ?? "first"] ??= [0, 0, 0]);
  t[0] += bytes.length; t[1] += g; t[2] += 1;
  if (builtInConsole(file)) { console_[0] += bytes.length; console_[1] += g; console_[2] += 1; }
  const note =
    name === SPEC ? " (instead of konaplate-console for a spec)" : name === REST ? " (after first paint)" : name ? ` (on demand: ${name})` : "";
  console.log(`${pad} ${kb(bytes.length)} ${kb(g)}  ${relative(dir, file)}${note}`);
}
const [raw, gz, n] = totals.first;
console.log(`${pad} ${kb(raw)} ${kb(gz)}  first load (${n} files; ${gz} B gzip)`);
if (totals[SPEC]) {
  const [r, g, m] = totals[SPEC].map((x, i) => [raw, gz, n][i] - console_[i] + x);
  console.log(`${pad} ${kb(r)} ${kb(g)}  first load with a spec (${m} files; ${g} B gzip: konaplate-console-spec instead of konaplate-console)`);
}
if (totals[REST]) {
  const [r, g] = totals[REST];
  console.log(`${pad} ${kb(r)} ${kb(g)}  after first paint: the console's second module (${g} B gzip; first load and it: ${gz + g} B)`);
}
for (const [name, what] of Object.entries(ON_DEMAND)) {
  if (!totals[name]) continue;
  const [r, g, m] = totals[name];
  console.log(`${pad} ${kb(r)} ${kb(g)}  on demand "${name}": ${what} (${m} files; ${g} B gzip)`);
}
if (targetKb) {
  const met = gz <= Number(targetKb) * 1024;
  console.log(`${pad} target <= ${targetKb} KB gzip (first load): ${met ? "met" : "NOT met"} (${(gz / 1024).toFixed(1)} KB)`);
}
