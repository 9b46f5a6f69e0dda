// The console's constants split with its functions (scripts/split-data.mjs): the bytes moved into
// the second module are zeros in the first until the second is instantiated. The first module,
// with every load and copy it makes reported (binaryen's instrument-memory, and memory.copy made
// a call), visits the page with the second module held back: it must never read a moved byte.
// KP_URL: the built page served locally.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./chromium.mjs";
import { visitBeforeASend } from "./visit.mjs";
import { binaryen, FEATURES } from "../scripts/binaryen.mjs";
import { dataSegments } from "../scripts/split-data.mjs";

const url = process.env.KP_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const bytesOf = async (file) => new Uint8Array(await (await fetch(new URL(file, url))).arrayBuffer());

/** The runs of bytes the second module writes that the first holds as zeros: `[start, end)`. */
function movedRuns(first, second) {
  const memory = new Map();
  for (const s of dataSegments(first)) s.data.forEach((b, i) => b && memory.set(s.offset + i, b));
  const runs = [];
  for (const s of dataSegments(second)) {
    s.data.forEach((b, i) => {
      const at = s.offset + i;
      if (!b || memory.has(at)) return;
      if (runs.at(-1)?.[1] === at) runs.at(-1)[1] = at + 1;
      else runs.push([at, at + 1]);
    });
  }
  return runs;
}

/** `bytes` with every load reported to the import `env.load_ptr` and every memory.copy made a
 * call to `kpt.copy` (which copies). */
function reporting(bytes) {
  const module = binaryen.readBinary(bytes, FEATURES);
  module.runPasses(["instrument-memory"]);
  const text = module
    .emitText()
    .replace(/\(memory\.copy\b/g, "(call $__kp_copy")
    .replace(/^\(module[^\n]*\n/, (line) => `${line} (import "kpt" "copy" (func $__kp_copy (param i32 i32 i32)))\n`);
  module.dispose();
  const reporting = binaryen.parseText(text);
  reporting.setFeatures(FEATURES);
  if (!reporting.validate()) throw new Error("the reporting module does not validate");
  return reporting.emitBinary();
}

test("before the console's second module arrives, the first reads none of the constants moved into it", async () => {
  const [first, second] = [await bytesOf("konaplate-console_bg.wasm"), await bytesOf("konaplate-console_rest.wasm")];
  const moved = movedRuns(binaryen.readBinary(first, FEATURES), binaryen.readBinary(second, FEATURES));
  assert.ok(moved.length > 100, `the split moved ${moved.length} runs of constants`);
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript((moved) => {
    window.__reads = { moved: [], data: 0 };
    const [low, high] = [moved[0][0], moved.at(-1)[1]];
    let memory = null;
    let loaded = false; // the second module's bytes are in from then on
    const open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, address, ...rest) {
      loaded ||= String(address).endsWith("_rest.wasm");
      return open.call(this, method, address, ...rest);
    };
    const read = (at, n) => {
      if (loaded || at + n <= low || at >= high) return;
      window.__reads.data++;
      const hit = moved.find(([s, e]) => at < e && at + n > s);
      if (hit && window.__reads.moved.length < 20) window.__reads.moved.push(`${at}+${n}: ${new Error().stack.split("\n").filter((l) => l.includes("wasm")).slice(1, 4).join(" < ")}`);
    };
    const env = { load_ptr: (id, n, offset, at) => (read(at + offset, n), at), store_ptr: (id, n, offset, at) => at };
    env.memory_grow_pre = env.memory_grow_post = (id, value) => value;
    for (const t of ["i32", "i64", "f32", "f64"]) env[`load_val_${t}`] = env[`store_val_${t}`] = (id, value) => value;
    const kpt = { copy: (to, from, n) => (read(from, n), new Uint8Array(memory.buffer).copyWithin(to, from, from + n)) };
    const keep = (result) => {
      memory ??= Object.values((result.instance ?? result).exports).find((e) => e instanceof WebAssembly.Memory);
      return result;
    };
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (source, imports) => streaming.call(WebAssembly, source, { ...imports, env, kpt }).then(keep);
    // What the glue decodes from the module's memory is read too.
    const decode = TextDecoder.prototype.decode;
    TextDecoder.prototype.decode = function (view, ...rest) {
      if (memory && view?.buffer === memory.buffer) read(view.byteOffset, view.byteLength);
      return decode.call(this, view, ...rest);
    };
  }, moved);
  const instrumented = reporting(first);
  await page.route("**/konaplate-console_bg.wasm", (route) => route.fulfill({ body: Buffer.from(instrumented), contentType: "application/wasm" }));
  let synchronous = 0;
  await page.route("**/konaplate-console_rest.wasm", (route) => {
    if (route.request().resourceType() === "fetch") return route.abort();
    synchronous++;
    return route.continue();
  });
  await page.goto(url);
  await page.locator("konaplate-try-it[data-ready=true]").waitFor();
  await visitBeforeASend(page);
  await page.waitForTimeout(2000); // the timers
  const reads = await page.evaluate(() => window.__reads);
  assert.deepEqual(reads.moved, [], "the first module read constants the split moved");
  assert.ok(reads.data > 10000, `the visit read the constants ${reads.data} times`);
  assert.equal(synchronous, 0, "the visit needed the second module (the list is stale: scripts/first-paint-list.sh)");
  assert.deepEqual(errors, []);
  await page.close();
});
