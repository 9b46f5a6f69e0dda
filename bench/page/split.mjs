// Experiment (not a test, not the shipped page): the console's Wasm split by a run profile into
// the functions a visit ran before its Send (module A, the first load) and the rest (module B,
// fetched the first time one of them is called), then the same visit on the split page.
//
//   node bench/page/split.mjs DIST RAN_JSON FIRST_LOAD_BYTES
//
// RAN_JSON: bench/page/first-paint.mjs's flags (RAN_OUT); the split keeps what ran up to its
// second step (first paint and typing). In a copy of DIST:
// - A is the shipped module with each moved function's body replaced by a stub: if its slot in a
//   new table (`kpsplit`) is empty, call the import `kp.load`; then call through the slot with
//   the same arguments. A exports what B uses (functions, globals, tables, memory).
// - B is the shipped module with every function that is not moved turned into an import from A,
//   its globals, tables and memory imported from A, no data or element segments of its own, none
//   of its exports, and one element segment putting the moved functions into `kpsplit`.
// - The glue gets the `kp` import namespace; split-loader.js (before konaplate-try-it.js) answers
//   `kp.load` by instantiating B synchronously with A's exports.
// It prints A's and B's sizes, the first load with A, and what the visit did: after each step,
// whether B was loaded, and the Send's answer. What it does not have: a profile that stays valid
// across builds (it is by function index, for this build only), the loader in the page, tests.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binaryen, each, FEATURES, functions, gzip, launch, MODULE, serve, STEPS } from "./visit.mjs";

const [dist, ranFile, firstLoadArg] = process.argv.slice(2);
const firstLoad = Number(firstLoadArg);
if (!dist || !ranFile || !(firstLoad > 0)) throw new Error("usage: node bench/page/split.mjs DIST RAN_JSON FIRST_LOAD_BYTES");
const KEEP_STEP = 1; // the flags after first paint and typing
const ran = JSON.parse(readFileSync(ranFile, "utf8"))[KEEP_STEP];
const shipped = readFileSync(join(dist, MODULE));
const read = () => binaryen.readBinary(shipped, FEATURES);

const A = read();
const B = read();
const all = functions(A);
const defined = all.filter((f) => !f.module);
if (defined.length !== ran.length) throw new Error(`the profile has ${ran.length} flags, the module ${defined.length} functions`);
const moved = defined.filter((_, k) => !ran[k]);
const isMoved = new Set(moved.map((f) => f.name));

// B. The names A exports for it: one per function, global, table and memory it may import.
const exportOf = new Map();
const exported = (kind, name) => {
  const key = `${kind}\u0000${name}`;
  if (!exportOf.has(key)) exportOf.set(key, `kp${exportOf.size}`);
  return exportOf.get(key);
};
for (const name of each(B.getNumExports(), (i) => B.getExportByIndex(i), (e) => binaryen.getExportInfo(e).name)) B.removeExport(name);
for (const name of each(B.getNumElementSegments(), (i) => B.getElementSegmentByIndex(i), (s) => binaryen.getElementSegmentInfo(s).name)) {
  B.removeElementSegment(name);
}
for (const f of all.filter((f) => !isMoved.has(f.name))) {
  B.removeFunction(f.name);
  B.addFunctionImport(f.name, "A", exported("function", f.name), f.params, f.results);
}
for (const g of each(B.getNumGlobals(), (i) => B.getGlobalByIndex(i), binaryen.getGlobalInfo)) {
  B.removeGlobal(g.name);
  B.addGlobalImport(g.name, "A", exported("global", g.name), g.type, g.mutable);
}
for (const t of each(B.getNumTables(), (i) => B.getTableByIndex(i), binaryen.getTableInfo)) B.addTableImport(t.name, "A", exported("table", t.name));
const memory = B.getMemoryInfo();
const memoryName = memory.name ?? "0";
const NO_MAXIMUM = 0xffffffff; // binaryen's "unlimited"
B.setMemory(memory.initial, memory.max ?? NO_MAXIMUM, null, [], false, false, memoryName); // drops the data segments
B.addMemoryImport(memoryName, "A", exported("memory", memoryName));
B.addTable("kpsplit", moved.length, moved.length);
B.addTableImport("kpsplit", "A", "kpsplit");
B.addActiveElementSegment("kpsplit", "kpsplit", moved.map((f) => f.name), B.i32.const(0));
B.runPasses(["remove-unused-module-elements"]);
if (!B.validate()) throw new Error("module B does not validate");
const bBytes = B.emitBinary();
const needed = new Set(WebAssembly.Module.imports(new WebAssembly.Module(bBytes)).filter((i) => i.module === "A").map((i) => i.name));

// A.
A.addTable("kpsplit", moved.length, moved.length);
A.addTableExport("kpsplit", "kpsplit");
A.addFunctionImport("kp_load", "kp", "load", binaryen.none, binaryen.none);
moved.forEach((f, slot) => {
  const args = binaryen.expandType(f.params).map((type, i) => A.local.get(i, type));
  const empty = A.ref.is_null(A.table.get("kpsplit", A.i32.const(slot), binaryen.funcref));
  const stub = [A.if(empty, A.call("kp_load", [], binaryen.none)), A.call_indirect("kpsplit", A.i32.const(slot), args, f.params, f.results)];
  binaryen.Function.setBody(A.getFunction(f.name), A.block(null, stub, f.results));
});
const exportFrom = { function: "addFunctionExport", global: "addGlobalExport", table: "addTableExport", memory: "addMemoryExport" };
for (const [key, name] of exportOf) {
  const [kind, internal] = key.split("\u0000");
  if (needed.has(name)) A[exportFrom[kind]](internal, name);
}
A.runPasses(["remove-unused-module-elements"]);
if (!A.validate()) throw new Error("module A does not validate");
const aBytes = A.emitBinary();

// The split page.
const copy = mkdtempSync(join(tmpdir(), "kp-split-"));
cpSync(dist, copy, { recursive: true });
writeFileSync(join(copy, MODULE), aBytes);
writeFileSync(join(copy, "konaplate-console_split.wasm"), bBytes);
const loader = readFileSync(new URL("split-loader.js", import.meta.url));
writeFileSync(join(copy, "split-loader.js"), loader);
const gluePath = join(copy, "konaplate-console.js");
const glue = readFileSync(gluePath, "utf8");
const imports = glue.match(/return\{__proto__:null,(\w+):\{__proto__:null,/); // the minified glue's import object
if (!imports) throw new Error("the glue's import object was not found");
writeFileSync(gluePath, glue.replace(imports[0], `return{__proto__:null,kp:{load:()=>globalThis.__kpSplitLoad()},${imports[1]}:{__proto__:null,`));
const indexPath = join(copy, "index.html");
const script = '<script type="module" src="konaplate-try-it.js">';
writeFileSync(indexPath, readFileSync(indexPath, "utf8").replace(script, `<script type="module" src="split-loader.js"></script>${script}`));

const [whole, a, b] = [gzip(shipped), gzip(aBytes), gzip(bBytes)];
const withSplit = firstLoad - whole + a + gzip(loader);
console.log(`\nThe console's Wasm split by that profile (first paint and typing kept; ${moved.length} of ${defined.length} functions moved; A exports ${needed.size} items to B):`);
console.log(`  A (first load) ${aBytes.length} B raw, ${a} B gzip; B (on first use) ${bBytes.length} B raw, ${b} B gzip; the whole module ${whole} B gzip`);
console.log(`  first load with the split: ${withSplit} B gzip (${(withSplit / 1024).toFixed(1)} KB; with the loader, ${gzip(loader)} B)`);
const server = await serve(copy);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  for (const [name, step] of STEPS) {
    await step(page, server.url);
    const loads = await page.evaluate(() => globalThis.__kpSplitLoads);
    console.log(`  the split page, ${name.padEnd(56)} B loaded: ${loads ? "yes" : "no"}`);
  }
  console.log(`  the Send's answer: ${await page.locator("#response-status").first().textContent()}; page errors: ${errors.length ? errors.join(" | ") : "none"}`);
} finally {
  await browser.close();
  server.close();
  rmSync(copy, { recursive: true, force: true });
}
