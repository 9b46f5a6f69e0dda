// Splits the console's Wasm in two (a Trunk post_build hook, Trunk.toml, after wasm-opt.sh): the
// functions the page runs for its first paint and typing stay in konaplate-console_bg.wasm (the
// first load); the rest move to konaplate-console_rest.wasm, which konaplate-try-it.js fetches
// after the console is up and instantiates, synchronously, the first time a moved function is
// called (or fetches then, synchronously, if it has not arrived).
//
//   node scripts/split-console.mjs DIR   (no DIR: $TRUNK_STAGING_DIR)
//
// Which functions stay is written in www/console-first-paint.txt, by name (the console is built
// with its name section for this; scripts/first-paint-list.sh makes the list from a real visit),
// so the list holds across builds: a function it does not name is moved, which costs a
// synchronous load if first paint needs it, never a wrong answer (e2e/page.test.mjs fails then).
// Names are stripped from both modules here, whether or not the console is split.
// KP_SPLIT=off leaves the console whole (names stripped); KP_SPLIT=names leaves it whole with its
// names (for first-paint-list.sh); KP_SPLIT=debug splits it and keeps the names (a browser's stack
// trace then names the function whose stub loaded the second module).
//
// How (binaryen.js, as bench/page/split.mjs did it by function index, an experiment it replaces):
// - A keeps every function's identity (exports, table slots and direct calls still reach it). A
//   moved function's body becomes a stub: if its slot in a new table `kpsplit` is empty, call the
//   import `kp.load`; then call through the slot with the same arguments.
// - B holds the moved functions' bodies; everything else it uses (functions, globals, tables,
//   memory) it imports from A, which exports them as `kp0`, `kp1`, …; its one element segment
//   fills `kpsplit`.
// - The glue gets the `kp` import namespace, whose `load` calls what konaplate-try-it.js set with
//   the glue's new export `__kpSplitLoader(load)`.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { binaryen, definedFunctions, each, FEATURES, functions } from "./binaryen.mjs";
import { linkMap, splitData } from "./split-data.mjs";

function main() {
  const root = new URL("..", import.meta.url).pathname;
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error("split-console.mjs: DIR, or $TRUNK_STAGING_DIR");
  const NAME = "konaplate-console";
  const PROFILE = "release-wasm-named"; // index.html's data-cargo-profile for the console
  const modulePath = join(dir, `${NAME}_bg.wasm`);
  const gluePath = join(dir, `${NAME}.js`);
  const restPath = join(dir, `${NAME}_rest.wasm`);
  const mode = process.env.KP_SPLIT ?? "on";
  if (!["on", "off", "names", "debug"].includes(mode)) throw new Error(`split-console.mjs: KP_SPLIT is on, off, names or debug, not ${mode}`);
  if (!existsSync(modulePath)) return; // a build without the console (none today)
  // `trunk serve` without --release: a debug build, whose functions are not the release build's
  // the list was made from; left whole.
  if (process.env.TRUNK_PROFILE === "debug") return;

  binaryen.setDebugInfo(mode === "debug"); // emitBinary writes the name section only then
  const bytes = readFileSync(modulePath);
  const read = () => {
    const module = binaryen.readBinary(bytes, FEATURES);
    module.setFeatures(FEATURES);
    return module;
  };
  /** The module's bytes without names or other custom sections (what ships). */
  const stripped = (module) => {
    if (mode !== "debug") module.runPasses(["strip-debug", "strip-producers", "strip-target-features"]);
    if (!module.validate()) throw new Error("split-console.mjs: a module does not validate");
    return module.emitBinary();
  };
  const gzip = (b) => gzipSync(b, { level: 9 }).length;

  if (mode === "names") return;
  if (mode === "off") {
    writeFileSync(modulePath, stripped(read()));
    return;
  }

  const keep = new Set(readFileSync(join(root, "www/console-first-paint.txt"), "utf8").split("\n").filter((l) => l && !l.startsWith("#")));
  const A = read();
  const B = read();
  const all = functions(A);
  const defined = definedFunctions(A);
  const moved = defined.filter((f) => !keep.has(stableName(f.name)));
  const isMoved = new Set(moved.map((f) => f.name));
  const kept = defined.length - moved.length;
  // A list that matches a quarter of the module or less is not this console's (the names'
  // form changed, or the list was lost): a page split by it would load both modules at once.
  if (kept < defined.length / 4) {
    throw new Error(`split-console.mjs: www/console-first-paint.txt names ${kept} of the module's ${defined.length} functions: run scripts/first-paint-list.sh`);
  }

  // The constants only moved functions reach move with them (scripts/split-data.mjs), by the link
  // map of this build (the console's build.rs writes it beside cargo's module). Without one, or
  // with KP_SPLIT_DATA=off, the data stays whole.
  const cargoOut = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "wasm32-unknown-unknown", PROFILE);
  const mapPath = join(cargoOut, "konaplate_console.map");
  // The same link writes both: a map not written with cargo's module is another build's.
  if (existsSync(mapPath) && Math.abs(statSync(mapPath).mtimeMs - statSync(join(cargoOut, "konaplate_console.wasm")).mtimeMs) > 10_000) {
    throw new Error(`split-console.mjs: ${mapPath} was not written with the module beside it (a stale map)`);
  }
  const data =
    process.env.KP_SPLIT_DATA === "off" || !existsSync(mapPath)
      ? null
      : splitData(A, new Set(defined.filter((f) => !isMoved.has(f.name)).map((f) => f.name)), linkMap(readFileSync(mapPath, "utf8")));
  if (!data && process.env.KP_SPLIT_DATA !== "off") console.log(`split-console.mjs: no link map (${mapPath}): the constants stay in the first module`);
  const segmentsFor = (module, segments) => segments.map((s) => ({ ...s, offset: module.i32.const(s.offset) }));

  // B: the moved functions, importing the rest from A.
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
  // Its data: the moved constants, written into A's memory when B is instantiated.
  B.setMemory(memory.initial, memory.max ?? NO_MAXIMUM, null, segmentsFor(B, data?.second ?? []), false, false, memoryName);
  B.addMemoryImport(memoryName, "A", exported("memory", memoryName));
  B.addTable("kpsplit", moved.length, moved.length);
  B.addTableImport("kpsplit", "A", "kpsplit");
  B.addActiveElementSegment("kpsplit", "kpsplit", moved.map((f) => f.name), B.i32.const(0));
  B.runPasses(["remove-unused-module-elements"]);
  const rest = stripped(B);
  const needed = new Set(WebAssembly.Module.imports(new WebAssembly.Module(rest)).filter((i) => i.module === "A").map((i) => i.name));

  // A: the stubs, the table, the exports B needs and its data without the moved constants.
  if (data) {
    A.setMemory(memory.initial, memory.max ?? NO_MAXIMUM, null, segmentsFor(A, data.first), false, false, memoryName);
    A.runPasses(["memory-packing"]);
  }
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
  const first = stripped(A);

  // The glue: the `kp` namespace and the loader's setter (wasm-bindgen's glue, names already minified).
  let glue = readFileSync(gluePath, "utf8");
  const importObject = /(\n {4}return \{\n {8}__proto__: null,\n {8}"[^"]+": import0,\n)( {4}\};\n)/;
  if (!importObject.test(glue)) throw new Error(`split-console.mjs: ${gluePath}: wasm-bindgen's import object not found (a new wasm-bindgen?)`);
  glue = glue.replace(importObject, "$1        kp: { __proto__: null, load: () => kpSplitLoad() },\n$2");
  glue += `
  // scripts/split-console.mjs: the console's second module, loaded by what konaplate-try-it.js sets.
  let kpSplitLoad = () => { throw new Error("konaplate: the console's second module has no loader"); };
  export function __kpSplitLoader(load) { kpSplitLoad = load; }
  `;
  writeFileSync(modulePath, first);
  writeFileSync(restPath, rest);
  writeFileSync(gluePath, glue);
  console.log(
    `split-console.mjs: ${kept} of ${defined.length} functions in the first load (${gzip(first)} B gzip);` +
      ` ${moved.length} in ${NAME}_rest.wasm (${gzip(rest)} B gzip), with ${data?.moved ?? 0} B of constants; ${needed.size} exports for it`,
  );
}

/** A function's name without what changes from build to build: a crate's disambiguator
 * (`konaplate_core[7802bff4be6d0abd]`, from its metadata: flags, features, the compiler), a
 * legacy symbol hash (`…17h0123456789abcdefE`), the suffix that tells repeated names apart. */
export function stableName(name) {
  return name.replace(/\[[0-9a-f]{16}\]/g, "").replace(/17h[0-9a-f]{16}E/g, "E").replace(/(\[\d+\]|\.\d+)$/, "");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
