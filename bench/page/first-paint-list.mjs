// Writes www/console-first-paint.txt: the functions of the console's Wasm that a page visit runs
// up to its first paint and typing, by stable name (scripts/split-console.mjs keeps those in the
// first load and moves the rest). Run by scripts/first-paint-list.sh on pages built with
// KP_SPLIT=names (the console whole, with its function names): the small build and the stable
// one, whose names differ in form (nightly writes the v0 form, `crate[disambiguator]::path`;
// stable the legacy mangling, `_ZN…17h<hash>E`), so the list holds both.
//
//   node bench/page/first-paint-list.mjs DIST...
//
// The visit (bench/page/visit.mjs's first paint, then what a visitor does before a Send, which
// the page tests repeat with the second module held back: e2e/visit.mjs; then two seconds of
// timers), in headless Chromium, on a copy of DIST whose console sets a flag per function when
// it first runs.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stableName } from "../../scripts/split-console.mjs";
import { visitBeforeASend } from "../../e2e/visit.mjs";
import { binaryen, definedFunctions, FEATURES, MODULE, STEPS, withFlaggedPage } from "./visit.mjs";

const dists = process.argv.slice(2);
if (!dists.length) throw new Error("usage: node bench/page/first-paint-list.mjs DIST...");

const BEFORE_A_SEND = [
  ["+ typing, pasted bodies, Korean, the theme, the Form tab (e2e/visit.mjs)", (page) => visitBeforeASend(page)],
  ["+ two seconds idle: the timers (the permalink's delayed write, the clock)", (page) => page.waitForTimeout(2000)],
];

const kept = new Set();
for (const dist of dists) for (const name of await visit(dist)) kept.add(stableName(name));
const header = [
  "# The console's functions run up to first paint and typing (pasted bodies, English and Korean,",
  "# the theme, the Form tab), in the small and the stable build: scripts/split-console.mjs keeps",
  "# them in the first load. Made by scripts/first-paint-list.sh; do not edit.",
];
writeFileSync(new URL("../../www/console-first-paint.txt", import.meta.url), [...header, ...[...kept].sort(), ""].join("\n"));
console.log(`first-paint-list.mjs: ${kept.size} names`);

/** The names of the functions of DIST's console that the visit runs. */
async function visit(dist) {
  const bytes = readFileSync(join(dist, MODULE));
  const module = binaryen.readBinary(bytes, FEATURES);
  const names = definedFunctions(module).map((f) => f.name);
  module.dispose();
  if (names.every((n) => n.startsWith("$"))) throw new Error(`${dist}: ${MODULE} has no names: build it with KP_SPLIT=names`);
  return withFlaggedPage(dist, bytes, async (page, url, ran) => {
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    for (const [, step] of [STEPS[0], ...BEFORE_A_SEND]) await step(page, url);
    const flags = await ran();
    if (errors.length) throw new Error(`${dist}: the visit had page errors: ${errors.join(" | ")}`);
    if (flags.length !== names.length) throw new Error(`${dist}: ${flags.length} flags for ${names.length} functions`);
    console.log(`first-paint-list.mjs: ${dist}: ${flags.filter(Boolean).length} of ${flags.length} functions ran`);
    return names.filter((_, k) => flags[k]);
  });
}
