// Benchmark (not a test): how much of the console's Wasm a page visit runs, and so how small the
// first load could get if the code nothing runs were fetched later (a profile-guided split, as
// binaryen's wasm-split does; see README.md "Page size" for why the page has none).
//
//   node bench/page/first-paint.mjs DIST FIRST_LOAD_BYTES
//
// DIST: a page built by scripts/build-page.sh; FIRST_LOAD_BYTES: its first load, gzip -9, as
// bench/page/size.mjs prints it. A copy of DIST gets a console module whose every function sets
// a flag of its own when it first runs (binaryen.js: one exported global per function, set at
// the function's entry); the page is served from the copy to headless Chromium, which goes through
// the steps below one after another, and the flags are read after each. For each step the shipped
// module is rewritten with every function not yet run emptied (its body `unreachable`) and
// gzipped: that is what the first load would carry if exactly the code run so far were in it. It
// is a bound, not a build: a real split adds a call stub per moved function, exports for the
// second module and the code that loads it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import binaryen from "../../js/node_modules/binaryen/index.js";
import { chromium } from "playwright-core";

const [dist, firstLoadArg] = process.argv.slice(2);
const firstLoad = Number(firstLoadArg);
if (!dist || !(firstLoad > 0)) throw new Error("usage: node bench/page/first-paint.mjs DIST FIRST_LOAD_BYTES");
const MODULE = "konaplate-console_bg.wasm";
const F = binaryen.Features;
const FEATURES = F.MVP | F.BulkMemory | F.SignExt | F.MutableGlobals | F.NontrappingFPToInt | F.ReferenceTypes | F.Multivalue;
const shipped = readFileSync(join(dist, MODULE));
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** The payload of the module's data section (id 11): its texts, tables and other constants. */
function dataSection(bytes) {
  const leb = (i) => {
    let [value, shift] = [0, 0];
    for (;;) {
      const byte = bytes[i++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return [value, i];
    }
  };
  for (let i = 8; i < bytes.length;) {
    const id = bytes[i];
    const [size, start] = leb(i + 1);
    if (id === 11) return bytes.subarray(start, start + size);
    i = start + size;
  }
  return new Uint8Array();
}

/** The defined (not imported) functions of `module`, in order. */
function definedFunctions(module) {
  const out = [];
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = module.getFunctionByIndex(i);
    const info = binaryen.getFunctionInfo(f);
    if (!info.module) out.push({ ref: f, info });
  }
  return out;
}

/** The shipped module with a run flag per defined function: exported globals `__ran0` … */
function instrumented() {
  const module = binaryen.readBinary(shipped, FEATURES);
  definedFunctions(module).forEach(({ ref, info }, k) => {
    const flag = `__ran${k}`;
    module.addGlobal(flag, binaryen.i32, true, module.i32.const(0));
    module.addGlobalExport(flag, flag);
    binaryen.Function.setBody(ref, module.block(null, [module.global.set(flag, module.i32.const(1)), info.body], info.results));
  });
  if (!module.validate()) throw new Error("the instrumented module does not validate");
  const bytes = module.emitBinary();
  module.dispose();
  return bytes;
}

/** The shipped module with every function not in `ran` emptied: [raw, gzip] bytes. */
function keptOnly(ran) {
  const module = binaryen.readBinary(shipped, FEATURES);
  definedFunctions(module).forEach(({ ref }, k) => ran[k] || binaryen.Function.setBody(ref, module.unreachable()));
  const bytes = module.emitBinary();
  module.dispose();
  return [bytes.length, gzip(bytes)];
}

// The instrumented copy, served by a static server of our own on a free port.
const copy = mkdtempSync(join(tmpdir(), "kp-first-paint-"));
cpSync(dist, copy, { recursive: true });
writeFileSync(join(copy, MODULE), instrumented());
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml", ".txt": "text/plain" };
const server = createServer((req, res) => {
  const path = join(copy, decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/$/, "/index.html"));
  try {
    const body = readFileSync(path);
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const rows = [];
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
  const body = page.getByLabel("Request body (JSON)");
  const steps = [
    ["first paint (the page loaded, ready)", async () => {
      await page.goto(url);
      await page.locator("konaplate-try-it[data-ready=true]").waitFor();
    }],
    ["+ typing in the raw JSON (valid, broken, valid again)", async () => {
      await page.getByRole("tab", { name: "Raw JSON" }).click();
      await body.click();
      await body.press("End");
      for (const key of ["Backspace", "}", "Backspace", "x", "Backspace", "}"]) await body.press(key);
      await page.getByRole("tab", { name: "Form" }).click();
    }],
    ["+ a Send to the in-browser sandbox", async () => {
      await page.getByRole("button", { name: /^Send to/ }).click();
      await page.locator("#response-status").filter({ hasText: /^HTTP / }).waitFor();
    }],
  ];
  const whole = [shipped.length, gzip(shipped)];
  for (const [name, step] of steps) {
    await step();
    const flags = await ran();
    rows.push([name, flags.filter(Boolean).length, flags.length, keptOnly(flags)]);
  }
  console.log(`\nThe console's Wasm (${MODULE}): ${whole[0]} B raw, ${whole[1]} B gzip; the first load ${firstLoad} B gzip`);
  console.log(`  of which the data section (texts, catalog, tables; never split): ${gzip(dataSection(shipped))} B gzip`);
  console.log("What a visit runs, and the first load with only that code in the module (a bound: no split is built):");
  for (const [name, count, total, [raw, gz]] of rows) {
    const first = firstLoad - (whole[1] - gz);
    console.log(`  ${name.padEnd(56)} ${String(count).padStart(5)} of ${total} functions; module ${raw} B raw, ${gz} B gzip; first load ${first} B (${(first / 1024).toFixed(1)} KB)`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(copy, { recursive: true, force: true });
}
