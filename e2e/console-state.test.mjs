// The console as one state rendered in its language: a language switch after a send re-words
// everything shown; a Korean page has no English sentence left; 500 sends leak neither memory
// nor listeners; removing the element releases its listeners; two consoles mounted into plain
// <div>s share no id and no state. Driven by visible labels, like page.test.mjs.
// KP_URL: the built page served locally; KP_CATALOG: `konaplate catalog --json`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch } from "./chromium.mjs";

const url = process.env.KP_URL;
const catalog = JSON.parse(readFileSync(process.env.KP_CATALOG, "utf8"));
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.locator("konaplate-try-it[data-ready=true]").first().waitFor();
  return { page, errors };
}

const text = (page, id) => page.locator(`#${id}`).first().textContent();
const language = (page) => page.getByLabel("Language / 언어");
// A send's answer: the first Send to the in-browser sandbox loads its module ("Sending…" until
// then); later ones answer at once.
const answered = (page) =>
  page.locator("#response-status").first().filter({ hasNotText: /^(Sending…|보내는 중…)$/ }).waitFor();
const HANGUL = /[\uac00-\ud7a3]/;

test("after a send, switching to 한국어 and back re-words the status, the code, the hint and the exchange each time", async () => {
  const { page, errors } = await openPage();
  // A pending charge: its answer has a status, a code explanation and a hint.
  await page.getByLabel("userId", { exact: true }).fill("9000000000000000007");
  await page.getByRole("button", { name: /^Send to the in-browser sandbox/ }).click();
  await answered(page);
  const english = async () => {
    assert.match(await text(page, "response-status"), /^HTTP 200 · 000_000 · In-browser sandbox \(offline, no account\)$/);
    assert.match(await text(page, "response-code"), /^000_000 \(published by KONA PLATE\): /);
    assert.match(await text(page, "response-hint"), /^isPending is true/);
    assert.match(await text(page, "response-body"), /^── Response ──[\s\S]*── Request sent \(exact headers and bytes\) ──/);
    assert.match(await page.getByRole("list").filter({ has: page.getByRole("button", { name: /HTTP 200/ }) }).textContent(),
      /In-browser sandbox/);
  };
  const korean = async () => {
    assert.match(await text(page, "response-status"), /^HTTP 200 · 000_000 · 브라우저 안 샌드박스 \(오프라인, 계정 불필요\)$/);
    const code = await text(page, "response-code");
    assert.match(code, /^000_000 \(KONA PLATE 공개 코드\): /);
    assert.doesNotMatch(code, /published|assigned/);
    assert.match(await text(page, "response-hint"), /^isPending이 true입니다/);
    const exchange = await text(page, "response-body");
    assert.match(exchange, /^── 응답 ──[\s\S]*── 보낸 요청 \(정확한 헤더와 바이트\) ──/);
    assert.ok(exchange.includes("X-KM-Access-Key: (40자)"), exchange);
    assert.match(await page.getByRole("list").filter({ has: page.getByRole("button", { name: /HTTP 200/ }) }).textContent(),
      /브라우저 안 샌드박스/);
  };
  await english();
  await language(page).selectOption("ko");
  await korean();
  await language(page).selectOption("en");
  await english();
  await language(page).selectOption("ko");
  await korean();
  // A refused send is worded in the language too, and follows a later switch.
  await page.getByLabel("amount", { exact: true }).fill("0");
  await page.getByRole("button", { name: /^브라우저 안 샌드박스로 보내기/ }).click();
  assert.match(await text(page, "response-status"), /^보내지 않음: 오류 1개/);
  await language(page).selectOption("en");
  assert.match(await text(page, "response-status"), /^Not sent: 1 error/);
  assert.deepEqual(errors, []);
});

// Technical tokens a Korean sentence may contain: names of fields and headers, codes, formats,
// units, product names, and values the user typed (quoted in messages).
const fieldNames = catalog.endpoints.flatMap((e) => [...e.request, ...(e.response ?? [])].map((f) => f.name));
const headerNames = catalog.headers.map((h) => h.name);
const TOKENS = [...new Set([...headerNames, ...fieldNames])].sort((a, b) => b.length - a.length).concat([
  "KONA PLATE", "konaplate serve", "konaplate", "trunk serve", "Test Data", "ASP ID", "HMAC-SHA256", "Base64url",
  "Base64", "JSON", "JWE", "UTF-8", "ASCII", "KST", "UTC", "URL", "API", "CORS", "PG", "KMV1", "SHA256", "HMAC",
  "yyyyMMddHHmmssSSS", "yyyyMMddHHmmss", "yyMMddHHmmss-xxxxxxx", "Ctrl+Enter", "true", "false", "null", "id", "ID",
  "OPTIONS", "X-KM-*", "compact", "English", "Language", "HTTP", "POST", "GET", "KONAPLATE_SECRET_KEY",
  "KONAPLATE_ACCESS_KEY", "Unix epoch",
]);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const TOKEN = new RegExp(TOKENS.map((t) => `(?<![A-Za-z0-9_-])${escape(t)}(?![A-Za-z0-9_])`).join("|"), "g");

function englishLeft(s) {
  let rest = s.replace(/"[^"]*"|'[^']*'|\([^()]*characters\)/g, " ");
  rest = rest.replace(TOKEN, " ");
  rest = rest.replace(/\b\d{3}_\d{3}\b|https?:\/\/\S+|\/[\w\-/.]+|\$\.[\w.]+|\[[a-zA-Z]+\]/g, " ");
  // Two English words in a row are a sentence (fragment); a lone word is a term (DCVV, ATM).
  return rest.match(/[A-Za-z]{2,}(?:[\s,.:;]+[A-Za-z]{2,})+/g) ?? [];
}

test("a Korean page has no English sentence left in the form, the rules, the validation list or the response explanation", async () => {
  const { page } = await openPage();
  await language(page).selectOption("ko");
  // Break several rules so the validation list and the response explain them.
  await page.getByLabel("amount", { exact: true }).fill("0");
  await page.getByLabel("oneTimeToken", { exact: true }).fill("123");
  await page.getByLabel("dcvv", { exact: true }).fill("");
  await page.getByLabel("X-KM-Tran-Time 덮어쓰기").fill("20231340256199");
  await page.getByLabel("그래도 보내기 (부정 테스트)").check();
  await page.getByRole("button", { name: /^브라우저 안 샌드박스로 보내기/ }).click();
  await answered(page);
  assert.match(await text(page, "response-status"), /^HTTP 400 /);
  const texts = await page.evaluate(() => {
    const root = document.querySelector("konaplate-try-it").shadowRoot;
    // Left out: what is data, not prose (the exchange, snippets, the exact body, header values,
    // the signature), the portal's own scenario labels and the endpoint's path.
    const skip = "pre, option, dd, td.mono, th[scope=row], .tools select";
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const e = n.parentElement;
      if (!e.closest(skip) && !e.closest("[hidden]") && n.textContent.trim()) out.push(n.textContent.trim());
    }
    for (const e of root.querySelectorAll("[aria-label], [placeholder]")) {
      out.push(e.getAttribute("aria-label") ?? "", e.getAttribute("placeholder") ?? "");
    }
    return out.filter(Boolean);
  });
  assert.ok(texts.length > 60, `only ${texts.length} texts found`);
  assert.ok(texts.filter((t) => HANGUL.test(t)).length > 40, "the page is not in Korean");
  const english = texts.flatMap((t) => englishLeft(t).map((w) => `${w}   ← ${t}`));
  assert.deepEqual(english, []);
  // The bounds and grammar of the form's explanations.
  const about = await page.getByLabel("oneTimeToken", { exact: true }).getAttribute("aria-describedby");
  assert.match(await text(page, about), /\(필수; 정확히 16자\)$/);
  const violations = await text(page, "violations");
  assert.match(violations, /oneTimeToken: 정확히 16자여야 합니다/);
});

test("500 sends on one console: the JS heap after a forced GC grows by less than 1 MB and the listeners stay the same", async () => {
  const { page, errors } = await openPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOMDebugger.enable").catch(() => {});
  const sendAll = (n) => page.evaluate((n) => {
    const send = document.querySelector("konaplate-try-it").shadowRoot.querySelector("#send");
    for (let i = 0; i < n; i++) send.click();
  }, n);
  const element = async (selector) => (await cdp.send("Runtime.evaluate", {
    expression: `document.querySelector("konaplate-try-it").shadowRoot.querySelector(${JSON.stringify(selector)})`,
  })).result.objectId;
  const listeners = async (objectId) => (await cdp.send("DOMDebugger.getEventListeners", { objectId, depth: -1, pierce: true })).listeners.length;
  const heap = async () => {
    for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
    return (await cdp.send("Runtime.getHeapUsage")).usedSize;
  };
  const history = await element("#history");
  const root = await element(".kp");
  // Warm-up: the sandbox module loads (presses meanwhile wait with the first), the history
  // reaches its bound of 50 entries, every code path has run once.
  await sendAll(1);
  await answered(page);
  await sendAll(60);
  const before = { heap: await heap(), history: await listeners(history), root: await listeners(root) };
  await sendAll(500);
  const after = { heap: await heap(), history: await listeners(history), root: await listeners(root) };
  const entries = await page.locator("#history").getByRole("button").count();
  const grown = after.heap - before.heap;
  console.log(`heap ${before.heap} -> ${after.heap} bytes (${grown >= 0 ? "+" : ""}${grown}); listeners in the history list (subtree) ${before.history} -> ${after.history}, on the console ${before.root} -> ${after.root}`);
  assert.equal(entries, 50);
  assert.ok(grown < 1024 * 1024, `the heap grew by ${grown} bytes over 500 sends`);
  assert.equal(after.history, before.history);
  assert.equal(after.root, before.root);
  assert.equal(before.root, 5, "one delegated listener per event type (input, change, click, keydown, toggle)");
  // Removed from the page, the console lets go of its listeners.
  await page.evaluate(() => {
    window.__kpHost = document.querySelector("konaplate-try-it");
    window.__kpHost.remove();
  });
  await page.waitForFunction(() => !window.__kpHost.dataset.ready);
  assert.equal(await listeners(root), 0);
  assert.deepEqual(errors, []);
});

test("two consoles mounted into plain <div>s have no duplicate id and work independently", async () => {
  const { page, errors } = await openPage();
  await page.evaluate(async () => {
    const { mount, ready } = await import("./konaplate-try-it.js");
    await ready;
    for (const [id, options] of [["one", {}], ["two", { language: "ko", endpoint: "result-inquiry" }]]) {
      const div = document.createElement("div");
      div.id = id;
      document.body.append(div);
      mount(div, options);
    }
  });
  const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
  assert.ok(ids.length > 40, `${ids.length} ids`);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], "duplicate ids");
  // Every label and description points into its own console.
  const dangling = await page.evaluate(() => [...document.querySelectorAll("#one [for], #one [aria-describedby], #one [aria-labelledby], #two [for], #two [aria-describedby], #two [aria-labelledby]")]
    .flatMap((e) => ["for", "aria-describedby", "aria-labelledby"].map((a) => e.getAttribute(a)).filter(Boolean)
      .filter((ref) => !e.closest("div[id=one], div[id=two]").querySelector(`#${CSS.escape(ref)}`))));
  assert.deepEqual(dangling, []);
  const one = page.locator("#one");
  const two = page.locator("#two");
  await one.getByLabel("amount", { exact: true }).fill("0");
  assert.match(await one.locator(".summary").textContent(), /^1 errors/);
  assert.match(await two.locator(".summary").textContent(), /^오류 0/);
  await two.getByRole("button", { name: /^브라우저 안 샌드박스로 보내기/ }).click();
  await two.locator("[id$=response-status]").filter({ hasNotText: /^보내는 중…$/ }).waitFor();
  assert.match(await two.locator("[id$=response-status]").textContent(), /^HTTP /);
  assert.match(await one.locator("[id$=response-status]").textContent(), /^Nothing sent yet/);
  await one.getByLabel("Language / 언어").selectOption("ko");
  assert.equal(await two.getByLabel("엔드포인트").inputValue(), "result-inquiry");
  assert.equal(await one.getByLabel("엔드포인트").inputValue(), "charge");
  assert.deepEqual(errors, []);
});
