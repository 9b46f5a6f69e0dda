// A docs-portal page embeds the console for its own document: <konaplate-try-it spec="URL"
// operation="operationId"> loads testdata/foreign-openapi.json (a made-up operation with nested
// objects, an array of objects, an enum, a date and a 19-digit id), lists its operations by tag,
// validates them and answers them in the in-browser sandbox; a broken document is refused with
// its JSON pointer. Driven by visible labels. KP_URL: the built page served locally.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { launch } from "./chromium.mjs";

const url = process.env.KP_URL;
const foreign = readFileSync(new URL("../testdata/foreign-openapi.json", import.meta.url), "utf8");
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

/** A host page (served from the console's origin) with one console for `spec`. */
async function portal(specText, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  const fetched = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => fetched.push(r.url()));
  await page.route("**/portal.html", (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><title>Shop API</title>
      <script type="module" src="${url}konaplate-try-it.js"></script></head>
      <body><konaplate-try-it spec="/shop-openapi.json" operation="createOrder"></konaplate-try-it></body></html>`,
  }));
  await page.route("**/shop-openapi.json", (route) => route.fulfill({ contentType: "application/json", body: specText }));
  await page.goto(new URL("portal.html", url).href);
  return { page, errors, fetched };
}

const order = `{"orderId":9999999999999999999,"channel":"APP","orderDate":"20261202","buyer":{"name":"Kona","address":{"zip":"06236"}},"items":[{"sku":"SKU-1","quantity":2}]}`;

test("spec= loads a foreign document: its operations by tag, nested validation, a 19-digit id kept, the in-browser sandbox answers", async () => {
  const { page, errors, fetched } = await portal(foreign);
  await page.locator("konaplate-try-it[data-ready=true]").waitFor();
  // The console built with the document loader, instead of (not beside) the built-in one.
  assert.ok(fetched.some((u) => u.endsWith("/konaplate-console-spec_bg.wasm")), "the spec build is fetched");
  assert.ok(!fetched.some((u) => /\/konaplate-console(_bg\.wasm|\.js)$/.test(u)), `the built-in build is not: ${fetched.join(" ")}`);
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
  // The pattern ^[A-Z]{3}-\d{4}$, matched by the browser's own RegExp (flag u): Arabic-Indic
  // digits are not \d.
  const coupon = (code) => order.replace('"items"', `"couponCode":"${code}","items"`);
  await raw.fill(coupon("ABC-1234"));
  await summary.filter({ hasText: /^0 errors,/ }).waitFor();
  await raw.fill(coupon("ABC-١٢٣٤"));
  await summary.filter({ hasText: /^1 errors,/ }).waitFor();
  assert.match(await page.getByRole("region", { name: "Validation" }).textContent(), /\$\.couponCode/);

  await raw.fill(order);
  await summary.filter({ hasText: /^0 errors,/ }).waitFor();
  await page.getByLabel("Secret key (memory only)").fill("portal-secret");
  await page.getByRole("button", { name: /^Send to the in-browser sandbox/ }).click();
  await page.locator("#response-status").filter({ hasText: /^HTTP 200 · 100_000/ }).waitFor();
  // The document's own code, explained from the document (published by it, in the page's language).
  assert.match(await page.locator("#response-code").textContent(), /^100_000 \(published in the operation's document\): The order was placed/);
  const exchange = await page.locator("#response-body").textContent();
  assert.match(exchange, /"status": "PLACED"/);
  assert.ok(exchange.includes('"orderId":9999999999999999999'), "the 19-digit id is sent exactly");

  await page.getByLabel("Language / 언어").selectOption("ko");
  const korean = page.getByLabel("엔드포인트", { exact: true });
  assert.match(await korean.locator("option").first().textContent(), /^주문 생성 · POST/);
  assert.deepEqual(errors, []);
});

test("the form edits a foreign body: nested fields, items added and removed, an enum, a boolean, null; raw JSON and validation follow both ways", async () => {
  const { page, errors } = await portal(foreign);
  await page.locator("konaplate-try-it[data-ready=true]").waitFor();
  const summary = page.locator("#summary");
  const rawText = async () => {
    await page.getByRole("tab", { name: "Raw JSON" }).click();
    const value = await page.getByLabel("Request body (JSON)").inputValue();
    await page.getByRole("tab", { name: "Form" }).click();
    return value;
  };
  const validation = () => page.getByRole("region", { name: "Validation" }).textContent();
  await summary.filter({ hasText: /^0 errors,/ }).waitFor();

  // A 19-digit id, exactly.
  await page.getByLabel("orderId", { exact: true }).fill("9999999999999999999");
  assert.ok((await rawText()).includes('"orderId":9999999999999999999,'));

  // A field two objects deep, by its label inside the groups named by their legends.
  const zip = page.getByRole("group", { name: "buyer" }).getByRole("group", { name: "address" }).getByLabel("zip", { exact: true });
  await zip.fill("0623");
  await summary.filter({ hasText: /^1 errors,/ }).waitFor();
  assert.match(await validation(), /\$\.buyer\.address\.zip/);
  await zip.fill("06236");
  await summary.filter({ hasText: /^0 errors,/ }).waitFor();
  assert.match(await rawText(), /"buyer":\{"name":"[^"]*","address":\{"zip":"06236"\}\}/);

  // An enum as a select.
  const channel = page.getByLabel("channel", { exact: true });
  assert.deepEqual(await channel.locator("option").allTextContents(), ["—", "APP", "WEB", "KIOSK"]);
  await channel.selectOption("KIOSK");
  assert.ok((await rawText()).includes('"channel":"KIOSK"'));

  // An item added: validation names what it lacks; filled, it is valid.
  await page.getByRole("button", { name: "Add to items" }).click();
  await summary.filter({ hasText: /^2 errors,/ }).waitFor();
  assert.match(await validation(), /\$\.items\[1\]\.sku/);
  const second = page.getByRole("group", { name: "items[1]" });
  await second.getByLabel("sku", { exact: true }).fill("SKU-2");
  await second.getByLabel("quantity", { exact: true }).fill("3");
  await summary.filter({ hasText: /^0 errors,/ }).waitFor();
  assert.match(await rawText(), /"items":\[\{[^\]]*\},\{"sku":"SKU-2","quantity":3\}\]/);

  // The first item removed: the second moves up, focus stays on a Remove button.
  await page.getByRole("button", { name: "Remove items[0]" }).click();
  assert.match(await rawText(), /"items":\[\{"sku":"SKU-2","quantity":3\}\]/);
  assert.equal(await page.getByRole("group", { name: "items[0]" }).getByLabel("sku", { exact: true }).inputValue(), "SKU-2");
  assert.equal(await page.getByRole("group", { name: "items[1]" }).count(), 0);
  await page.getByRole("button", { name: "Remove items[0]" }).click();
  await summary.filter({ hasText: /^1 errors,/ }).waitFor();
  assert.match(await validation(), /\$\.items \[minItems\]/);
  const focused = await page.locator("konaplate-try-it").evaluate((host) => host.shadowRoot.activeElement?.textContent);
  assert.equal(focused, "Add to items", "removing the last item leaves focus on Add");
  await page.getByRole("button", { name: "Add to items" }).click();
  const item = page.getByRole("group", { name: "items[0]" });
  await item.getByLabel("sku", { exact: true }).fill("SKU-3");
  await item.getByLabel("quantity", { exact: true }).fill("1");
  await summary.filter({ hasText: /^0 errors,/ }).waitFor();

  // A boolean as a select; an optional field set to null and back to absent.
  const gift = page.getByLabel("gift", { exact: true });
  await gift.selectOption("true");
  assert.match(await rawText(), /"gift":true\}$/);
  await page.getByLabel("gift = null").check();
  assert.match(await rawText(), /"gift":null\}$/);
  assert.equal(await gift.isDisabled(), true);
  await page.getByLabel("gift = null").uncheck();
  assert.ok(!(await rawText()).includes("gift"));
  assert.equal(await gift.inputValue(), "");

  // The raw JSON edited: the form follows, its shape (two items) and its values (exact digits, an off-list enum).
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  const edited = order.replace('"channel":"APP"', '"channel":"FAX"')
    .replace('"items":[{"sku":"SKU-1","quantity":2}]', '"items":[{"sku":"SKU-1","quantity":2},{"sku":"SKU-9","quantity":5,"price":12345678901234567890.10}]');
  await page.getByLabel("Request body (JSON)").fill(edited);
  await summary.filter({ hasText: /^1 errors,/ }).waitFor();
  await page.getByRole("tab", { name: "Form" }).click();
  const nine = page.getByRole("group", { name: "items[1]" });
  assert.equal(await nine.getByLabel("sku", { exact: true }).inputValue(), "SKU-9");
  assert.equal(await nine.getByLabel("price", { exact: true }).inputValue(), "12345678901234567890.10");
  assert.equal(await page.getByLabel("orderId", { exact: true }).inputValue(), "9999999999999999999");
  assert.equal(await channel.inputValue(), "FAX");
  assert.match(await validation(), /\$\.channel/);
  await channel.selectOption("WEB");
  await summary.filter({ hasText: /^0 errors,/ }).waitFor();
  assert.equal(await rawText(), edited.replace('"channel":"FAX"', '"channel":"WEB"'));

  // Broken JSON: the form says why and is read-only until it is fixed.
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  await page.getByLabel("Request body (JSON)").fill(edited.slice(0, -1));
  await page.getByRole("tab", { name: "Form" }).click();
  assert.equal(await page.getByRole("button", { name: "Add to items" }).isDisabled(), true);
  assert.equal(await nine.getByLabel("sku", { exact: true }).isDisabled(), true);
  // In Korean, the form's buttons and hints follow.
  await page.getByLabel("Language / 언어").selectOption("ko");
  assert.equal(await page.getByRole("button", { name: "items에 추가" }).count(), 1);
  assert.equal(await page.getByRole("button", { name: "items[1] 삭제" }).count(), 1);
  assert.match(await page.getByRole("group", { name: "buyer" }).locator(".hint").first().textContent(), /^주문자\. \(필수; /);
  assert.deepEqual(errors, []);
});

test("the nested form passes axe-core, light and dark, and leaves screenshots", async () => {
  const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  mkdirSync(new URL("./screenshots/", import.meta.url), { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    const { page } = await portal(foreign, { colorScheme, viewport: { width: 1100, height: 900 } });
    await page.locator("konaplate-try-it[data-ready=true]").waitFor();
    await page.getByRole("button", { name: "Add to items" }).click();
    await page.getByLabel("gift = null").check();
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], colorScheme);
    const file = new URL(`./screenshots/spec-form-${colorScheme}.png`, import.meta.url).pathname;
    await page.locator("konaplate-try-it").getByRole("region", { name: "Request body" }).screenshot({ path: file });
  }
});

test("a broken document is refused with its JSON pointer, in English and Korean", async () => {
  // A lookahead: outside the patterns konaplate checks, so refused by name, never ignored.
  const { page } = await portal(foreign.replace('"format": "yyyyMMdd"', '"pattern": "^(?=[0-9])[0-9]{8}$"'));
  const alert = page.getByRole("alert");
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /#\/paths\/~1api~1v1~1example~1orders\/post\/requestBody\/content\/application~1json\/schema\/properties\/orderDate\/pattern/);
  assert.match(message, /lookahead/);
  assert.match(message, /전방 탐색/);
});
