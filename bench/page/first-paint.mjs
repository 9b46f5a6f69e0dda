// Benchmark (not a test): how much of the console's Wasm a page visit runs, and so how small the
// first load could get if the code nothing runs were fetched later (a profile-guided split;
// bench/page/split.mjs builds one from this profile).
//
//   node bench/page/first-paint.mjs DIST FIRST_LOAD_BYTES [RAN_OUT]
//
// DIST: a page built by scripts/build-page.sh; FIRST_LOAD_BYTES: its first load, gzip -9, as
// bench/page/size.mjs prints it. A copy of DIST gets a console module whose every function sets
// a flag of its own when it first runs (binaryen.js: one exported global per function, set at
// the function's entry); the page is served from the copy to headless Chromium, which makes the
// visit of bench/page/visit.mjs, and the flags are read after each step. For each step the
// shipped module is rewritten with every function not yet run emptied (its body `unreachable`)
// and gzipped: that is what the first load would carry if exactly the code run so far were in
// it. It is a bound, not a build: a real split adds a call stub per moved function, exports for
// the second module and the code that loads it. RAN_OUT: a file for each step's flags (JSON: one
// boolean per defined function, in order), which split.mjs reads.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binaryen, dataSection, definedFunctions, FEATURES, gzip, launch, MODULE, serve, STEPS } from "./visit.mjs";

const [dist, firstLoadArg, ranOut] = process.argv.slice(2);
const firstLoad = Number(firstLoadArg);
if (!dist || !(firstLoad > 0)) throw new Error("usage: node bench/page/first-paint.mjs DIST FIRST_LOAD_BYTES [RAN_OUT]");
const shipped = readFileSync(join(dist, MODULE));

/** The shipped module with a run flag per defined function: exported globals `__ran0` … */
function instrumented() {
  const module = binaryen.readBinary(shipped, FEATURES);
  definedFunctions(module).forEach((info, k) => {
    const flag = `__ran${k}`;
    module.addGlobal(flag, binaryen.i32, true, module.i32.const(0));
    module.addGlobalExport(flag, flag);
    const body = module.block(null, [module.global.set(flag, module.i32.const(1)), info.body], info.results);
    binaryen.Function.setBody(module.getFunction(info.name), body);
  });
  if (!module.validate()) throw new Error("the instrumented module does not validate");
  const bytes = module.emitBinary();
  module.dispose();
  return bytes;
}

/** The shipped module with every function not in `ran` emptied: [raw, gzip] bytes. */
function keptOnly(ran) {
  const module = binaryen.readBinary(shipped, FEATURES);
  definedFunctions(module).forEach((info, k) => ran[k] || binaryen.Function.setBody(module.getFunction(info.name), module.unreachable()));
  const bytes = module.emitBinary();
  module.dispose();
  return [bytes.length, gzip(bytes)];
}

const copy = mkdtempSync(join(tmpdir(), "kp-first-paint-"));
cpSync(dist, copy, { recursive: true });
writeFileSync(join(copy, MODULE), instrumented());
const server = await serve(copy);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Every instance the page makes is kept, so the console's (the one with the flags) can be read.
  await page.addInitScript(() => {
    window.__instances = [];
    const keep = (result) => (window.__instances.push(result.instance ?? result), result);
    const [streaming, plain] = [WebAssembly.instantiateStreaming, WebAssembly.instantiate];
    WebAssembly.instantiateStreaming = (...a) => streaming.apply(WebAssembly, a).then(keep);
    WebAssembly.instantiate = (...a) => plain.apply(WebAssembly, a).then(keep);
  });
  const ran = () =>
    page.evaluate(() => {
      const { exports } = window.__instances.find((i) => "__ran0" in i.exports);
      const flags = [];
      for (let k = 0; `__ran${k}` in exports; k++) flags.push(exports[`__ran${k}`].value === 1);
      return flags;
    });
  const whole = [shipped.length, gzip(shipped)];
  console.log(`\nThe console's Wasm (${MODULE}): ${whole[0]} B raw, ${whole[1]} B gzip; the first load ${firstLoad} B gzip`);
  console.log(`  of which the data section (texts, catalog, tables; never split): ${gzip(dataSection(shipped))} B gzip`);
  console.log("What a visit runs, and the first load with only that code in the module (a bound: no split is built):");
  const flagsAfter = [];
  for (const [name, step] of STEPS) {
    await step(page, server.url);
    const flags = await ran();
    flagsAfter.push(flags);
    const [raw, gz] = keptOnly(flags);
    const first = firstLoad - (whole[1] - gz);
    console.log(`  ${name.padEnd(56)} ${String(flags.filter(Boolean).length).padStart(5)} of ${flags.length} functions; module ${raw} B raw, ${gz} B gzip; first load ${first} B (${(first / 1024).toFixed(1)} KB)`);
  }
  if (ranOut) writeFileSync(ranOut, JSON.stringify(flagsAfter));
} finally {
  await browser.close();
  server.close();
  rmSync(copy, { recursive: true, force: true });
}
