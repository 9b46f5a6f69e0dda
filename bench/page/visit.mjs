// What bench/page/first-paint.mjs and bench/page/split.mjs share: the console module read by
// binaryen.js, a static server for a built page, and the visit both make in headless Chromium.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import binaryen from "../../js/node_modules/binaryen/index.js";
import { chromium } from "playwright-core";

export { binaryen };
/** The console module of a built page. */
export const MODULE = "konaplate-console_bg.wasm";
const F = binaryen.Features;
/** The features rustc used (named, since `strip = true` drops the target_features section). */
export const FEATURES = F.MVP | F.BulkMemory | F.SignExt | F.MutableGlobals | F.NontrappingFPToInt | F.ReferenceTypes | F.Multivalue;
export const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** The `count` items binaryen lists by index (`at(i)`), each read by `info`, in order. */
export const each = (count, at, info) => Array.from({ length: count }, (_, i) => info(at(i)));

/** Every function of `module` (binaryen's function info: name, params, results, and for an
 * import its module), in order. */
export const functions = (module) => each(module.getNumFunctions(), (i) => module.getFunctionByIndex(i), binaryen.getFunctionInfo);

/** The defined (not imported) functions of `module`, in order: what a run flag is kept for. */
export const definedFunctions = (module) => functions(module).filter((f) => !f.module);

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
  ["+ typing in the raw JSON (valid, broken, valid again)", async (page) => {
    const body = page.getByLabel("Request body (JSON)");
    await page.getByRole("tab", { name: "Raw JSON" }).click();
    await body.click();
    await body.press("End");
    for (const key of ["Backspace", "}", "Backspace", "x", "Backspace", "}"]) await body.press(key);
    await page.getByRole("tab", { name: "Form" }).click();
  }],
  ["+ a Send to the in-browser sandbox", async (page) => {
    await page.getByRole("button", { name: /^Send to/ }).click();
    await page.locator("#response-status").filter({ hasText: /^HTTP / }).waitFor();
  }],
];
