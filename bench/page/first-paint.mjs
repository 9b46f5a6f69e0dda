// Benchmark (not a test): how much of the console's Wasm a page visit runs, and so how small the
// first load could get if exactly the code it runs were in it (the bound under
// scripts/split-console.mjs's split, which the page ships).
//
//   node bench/page/first-paint.mjs DIST FIRST_LOAD_BYTES
//
// DIST: a page built by scripts/build-page.sh with KP_SPLIT=off (the console's Wasm whole);
// FIRST_LOAD_BYTES: its first load, gzip -9, as
// bench/page/size.mjs prints it. A copy of DIST gets a console module whose every function sets
// a flag of its own when it first runs (binaryen.js: one exported global per function, set at
// the function's entry); the page is served from the copy to headless Chromium, which makes the
// visit of bench/page/visit.mjs, and the flags are read after each step. For each step the
// shipped module is rewritten with every function not yet run emptied (its body `unreachable`)
// and gzipped: that is what the first load would carry if exactly the code run so far were in
// it. It is a bound for a split of functions, not a build: the split adds a call stub per moved
// function, exports for the second module and the code that loads it, and it also moves the
// constants only moved functions reach (scripts/split-data.mjs), which this keeps whole.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { binaryen, dataSection, definedFunctions, FEATURES, gzip, MODULE, STEPS, withFlaggedPage } from "./visit.mjs";

const [dist, firstLoadArg] = process.argv.slice(2);
const firstLoad = Number(firstLoadArg);
if (!dist || !(firstLoad > 0)) throw new Error("usage: node bench/page/first-paint.mjs DIST FIRST_LOAD_BYTES");
const shipped = readFileSync(join(dist, MODULE));

/** The shipped module with every function not in `ran` emptied: [raw, gzip] bytes. */
function keptOnly(ran) {
  const module = binaryen.readBinary(shipped, FEATURES);
  definedFunctions(module).forEach((info, k) => ran[k] || binaryen.Function.setBody(module.getFunction(info.name), module.unreachable()));
  const bytes = module.emitBinary();
  module.dispose();
  return [bytes.length, gzip(bytes)];
}

await withFlaggedPage(dist, shipped, async (page, url, ran) => {
  const whole = [shipped.length, gzip(shipped)];
  console.log(`\nThe console's Wasm whole (${MODULE}): ${whole[0]} B raw, ${whole[1]} B gzip; the first load ${firstLoad} B gzip`);
  console.log(`  of which the data section (texts, catalog, tables; whole here): ${gzip(dataSection(shipped))} B gzip`);
  console.log("What a visit runs, and the first load with only that code in the module (the bound of a split of functions alone;");
  console.log("the shipped split also moves the constants only moved functions reach, scripts/split-data.mjs, and can go under it):");
  for (const [name, step] of STEPS) {
    await step(page, url);
    const flags = await ran();
    const [raw, gz] = keptOnly(flags);
    const first = firstLoad - (whole[1] - gz);
    console.log(`  ${name.padEnd(56)} ${String(flags.filter(Boolean).length).padStart(5)} of ${flags.length} functions; module ${raw} B raw, ${gz} B gzip; first load ${first} B (${(first / 1024).toFixed(1)} KB)`);
  }
});
