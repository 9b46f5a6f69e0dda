// What bench/page/first-paint.mjs and bench/page/first-paint-list.mjs share: the console module read by
// binaryen.js, a static server for a built page, and the visit both make in headless Chromium.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { typeInRawJson } from "../../e2e/visit.mjs";
import { binaryen, definedFunctions, FEATURES } from "../../scripts/binaryen.mjs";

export { binaryen, definedFunctions, FEATURES };
/** The console module of a built page. */
export const MODULE = "konaplate-console_bg.wasm";
export const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** The payload of a module's data section (id 11): its texts, tables and other constants. */
export function dataSection(bytes) {
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

/** `bytes` (a console module) with a run flag per defined function: exported globals `__ran0`
 * …, set at the function's entry ([`runFlags`] reads them). */
export function instrumented(bytes) {
  const module = binaryen.readBinary(bytes, FEATURES);
  definedFunctions(module).forEach((info, k) => {
    const flag = `__ran${k}`;
    module.addGlobal(flag, binaryen.i32, true, module.i32.const(0));
    module.addGlobalExport(flag, flag);
    const body = module.block(null, [module.global.set(flag, module.i32.const(1)), info.body], info.results);
    binaryen.Function.setBody(module.getFunction(info.name), body);
  });
  if (!module.validate()) throw new Error("the instrumented module does not validate");
  const out = module.emitBinary();
  module.dispose();
  return out;
}

/** Keeps every Wasm instance `page` makes (call before its first visit): `ran()` then gives the
 * instrumented console's flags, one boolean per defined function, in order. */
export async function runFlags(page) {
  await page.addInitScript(() => {
    window.__instances = [];
    const keep = (result) => (window.__instances.push(result.instance ?? result), result);
    const [streaming, plain] = [WebAssembly.instantiateStreaming, WebAssembly.instantiate];
    WebAssembly.instantiateStreaming = (...a) => streaming.apply(WebAssembly, a).then(keep);
    WebAssembly.instantiate = (...a) => plain.apply(WebAssembly, a).then(keep);
  });
  return () =>
    page.evaluate(() => {
      const { exports } = window.__instances.find((i) => "__ran0" in i.exports);
      const flags = [];
      for (let k = 0; `__ran${k}` in exports; k++) flags.push(exports[`__ran${k}`].value === 1);
      return flags;
    });
}

/** Serves a copy of `dist` whose console is `bytes` with a run flag per function
 * ([`instrumented`]), opens it in headless Chromium and returns `use(page, url, ran)`
 * ([`runFlags`]'s `ran`); closes and removes everything after. */
export async function withFlaggedPage(dist, bytes, use) {
  const copy = mkdtempSync(join(tmpdir(), "kp-flagged-"));
  cpSync(dist, copy, { recursive: true });
  writeFileSync(join(copy, MODULE), instrumented(bytes));
  const server = await serve(copy);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const ran = await runFlags(page);
    return await use(page, server.url, ran);
  } finally {
    await browser.close();
    server.close();
    rmSync(copy, { recursive: true, force: true });
  }
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml", ".txt": "text/plain" };

/** Serves `dir` on a free local port: its URL, and `close()`. */
export async function serve(dir) {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/$/, "/index.html"));
    try {
      const body = readFileSync(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Debian's Chromium, headless. */
export const launch = () =>
  chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });

/** The visit, step by step: each `[name, run(page, url)]` continues from the one before. */
export const STEPS = [
  ["first paint (the page loaded, ready)", async (page, url) => {
    await page.goto(url);
    await page.locator("konaplate-try-it[data-ready=true]").waitFor();
  }],
  ["+ typing in the raw JSON (valid, broken, valid again)", (page) => typeInRawJson(page)],
  ["+ a Send to the in-browser sandbox", async (page) => {
    await page.getByRole("button", { name: /^Send to/ }).click();
    await page.locator("#response-status").filter({ hasText: /^HTTP / }).waitFor();
  }],
];
