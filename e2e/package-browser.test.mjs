// The JS package's browser entries in headless Chromium, imported as ES modules by a page:
// pkg/browser.js instantiates its Wasm and builds a signed request with a BigInt userId;
// pkg/document-browser.js (its own Wasm) describes a code and loads another document.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { launch } from "./chromium.mjs";

const dir = process.env.KP_PKG_DIR;
// A document for konaplate/document's `load` (js/test/load.test.mjs uses the same).
const foreign = new URL("../testdata/foreign-openapi.json", import.meta.url);
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const page = `<!doctype html><script type="module">
  import { buildRequest, validate } from "/browser.js";
  const r = buildRequest({ endpoint: "charge", fields: { sequenceId: "B-1", userId: 9999999999999999999n, amount: 1,
    oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" },
    credentials: { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: "s" } });
  // konaplate/document's browser entry: its own module, built for size like browser.js's.
  const doc = await import("/document-browser.js");
  const loaded = doc.load(await (await fetch("/foreign-openapi.json")).text());
  document.title = JSON.stringify({ ok: r.ok, body: r.body, errors: validate("charge", r.headers, r.body).errorCount,
    meaning: doc.describeCode("007_008")?.meaning.en, loaded: loaded.catalog().endpoints.map((e) => e.id) });
</script>`;

test("pkg/browser.js works in a browser as an ES module", async () => {
  const server = createServer(async (req, res) => {
    if (req.url === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
    if (req.url === "/foreign-openapi.json") return res.writeHead(200).end(await readFile(foreign));
    try {
      const bytes = await readFile(join(dir, req.url.replace(/^\/+/, "")));
      res.writeHead(200, { "content-type": types[extname(req.url)] ?? "application/octet-stream" }).end(bytes);
    } catch { res.writeHead(404).end(); }
  }).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const browser = await launch();
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => document.title.startsWith("{"));
    const result = JSON.parse(await tab.title());
    assert.equal(result.ok, true);
    assert.ok(result.body.includes('"userId":9999999999999999999,'), result.body);
    assert.equal(result.errors, 0);
    assert.equal(result.meaning, "A request with the same sequenceId was already made.");
    assert.deepEqual(result.loaded, ["createOrder"]);
  } finally {
    await browser.close();
    server.close();
  }
});
