// A docs-portal page embeds the console for its own document: <konaplate-try-it spec="URL"
// operation="operationId"> loads testdata/foreign-openapi.json (a made-up operation with nested
// objects, an array of objects, an enum, a date and a 19-digit id), lists its operations by tag,
// validates them and answers them in the in-browser sandbox; a broken document is refused with
// its JSON pointer. Driven by visible labels. KP_URL: the built page served locally.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch } from "./chromium.mjs";

const url = process.env.KP_URL;
const foreign = readFileSync(new URL("../testdata/foreign-openapi.json", import.meta.url), "utf8");
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

/** A host page (served from the console's origin) with one console for `spec`. */
async function portal(specText) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route("**/portal.html", (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><title>Shop API</title>
      <script type="module" src="${url}konaplate-try-it.js"></script></head>
      <body><konaplate-try-it spec="/shop-openapi.json" operation="createOrder"></konaplate-try-it></body></html>`,
  }));
  await page.route("**/shop-openapi.json", (route) => route.fulfill({ contentType: "application/json", body: specText }));
  await page.goto(new URL("portal.html", url).href);
  return { page, errors };
}

const order = `{"orderId":9999999999999999999,"channel":"APP","orderDate":"20261202","buyer":{"name":"Kona","address":{"zip":"06236"}},"items":[{"sku":"SKU-1","quantity":2}]}`;

test("spec= loads a foreign document: its operations by tag, nested validation, a 19-digit id kept, the in-browser sandbox answers", async () => {
  const { page, errors } = await portal(foreign);
  await page.locator("konaplate-try-it[data-ready=true]").waitFor();
  const picker = page.getByLabel("Endpoint", { exact: true });
  assert.deepEqual(await picker.locator("optgroup").evaluateAll((g) => g.map((x) => x.label)), ["Orders"]);
  assert.equal(await picker.inputValue(), "createOrder");
  assert.match(await picker.locator("option").first().textContent(), /^Create an order · POST \/api\/v1\/example\/orders$/);

  await page.getByRole("tab", { name: "Raw JSON" }).click();
  const raw = page.getByLabel("Request body (JSON)");
  await raw.fill(order.replace('"zip":"06236"', '"zip":"0623"'));
  const summary = page.locator("#summary");
  await summary.filter({ hasText: /^1 errors,/ }).waitFor();
  assert.match(await page.getByRole("region", { name: "Validation" }).textContent(), /\$\.buyer\.address\.zip/);

  await raw.fill(order);
  await summary.filter({ hasText: /^0 errors,/ }).waitFor();
  await page.getByLabel("Secret key (memory only)").fill("portal-secret");
  await page.getByRole("button", { name: /^Send to the in-browser sandbox/ }).click();
  await page.locator("#response-status").filter({ hasText: /^HTTP 200 · 000_000/ }).waitFor();
  const exchange = await page.locator("#response-body").textContent();
  assert.match(exchange, /"status": "PLACED"/);
  assert.ok(exchange.includes('"orderId":9999999999999999999'), "the 19-digit id is sent exactly");

  await page.getByLabel("Language / 언어").selectOption("ko");
  const korean = page.getByLabel("엔드포인트", { exact: true });
  assert.match(await korean.locator("option").first().textContent(), /^주문 생성 · POST/);
  assert.deepEqual(errors, []);
});

test("a broken document is refused with its JSON pointer, in English and Korean", async () => {
  const { page } = await portal(foreign.replace('"format": "yyyyMMdd"', '"pattern": "^[0-9]{8}$"'));
  const alert = page.getByRole("alert");
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /#\/paths\/~1api~1v1~1example~1orders\/post\/requestBody\/content\/application~1json\/schema\/properties\/orderDate\/pattern/);
  assert.match(message, /keyword pattern/);
  assert.match(message, /pattern 키워드/);
});
