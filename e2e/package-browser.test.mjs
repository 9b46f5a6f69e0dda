// The JS package's browser entry (pkg/browser.js) in headless Chromium: imported as an ES module
// by a page, it instantiates the Wasm and builds a signed request with a BigInt userId.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { launch } from "./chromium.mjs";

const dir = process.env.KP_PKG_DIR;
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const page = `<!doctype html><script type="module">
  import { buildRequest, validate } from "/browser.js";
  const r = buildRequest({ endpoint: "charge", fields: { sequenceId: "B-1", userId: 9999999999999999999n, amount: 1,
    oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" },
    credentials: { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: "s" } });
  document.title = JSON.stringify({ ok: r.ok, body: r.body, errors: validate("charge", r.headers, r.body).errorCount });
</script>`;

test("pkg/browser.js works in a browser as an ES module", async () => {
  const server = createServer(async (req, res) => {
    if (req.url === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
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
  } finally {
    await browser.close();
    server.close();
  }
});
