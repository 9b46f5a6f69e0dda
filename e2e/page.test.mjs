// The Try It page as a person uses it, in Debian's headless Chromium: controls found by their
// visible labels and roles (Playwright's locators pierce the console's open shadow root).
// KP_URL: the built page served locally; KP_CATALOG: `konaplate catalog --json` (scenario labels
// and codes come from there); KP_CLI: the konaplate binary (a real `konaplate serve` to send to).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { launch } from "./chromium.mjs";
import { startServe, startHostile } from "./servers.mjs";
import { visitBeforeASend } from "./visit.mjs";

const url = process.env.KP_URL;
const origin = new URL(url).origin;
const catalog = JSON.parse(readFileSync(process.env.KP_CATALOG, "utf8"));
const SECRET = "e2e-secret-must-stay-in-memory-4417";
const BIG = "9999999999999999999";
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

async function openPage(options = {}, path = "") {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  const logs = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => logs.push(m.text()));
  await page.goto(new URL(path, url).href);
  await page.locator("konaplate-try-it[data-ready=true]").first().waitFor();
  return { page, errors, logs };
}

const body = (page) => page.getByLabel("Request body (JSON)");
const sendButton = (page) => page.getByRole("button", { name: /^Send to/ });
// A send's answer: the first Send to the in-browser sandbox loads its module ("Sending…" until
// then); later ones answer at once.
const answered = (page) =>
  page.locator("#response-status").first().filter({ hasNotText: /^(Sending…|보내는 중…)$/ }).waitFor();
const text = (page, id) => page.locator(`#${id}`).first().textContent();

/** Waits up to 10 s for `check()` to hold. */
async function expectEventually(check, what) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(await check(), what);
}

async function useRawTab(page) {
  await page.getByRole("tab", { name: "Raw JSON" }).click();
}

async function setBody(page, value) {
  await useRawTab(page);
  await body(page).fill(value);
}

test("every Test Data scenario, picked by its label and sent, gives its documented status and code", async () => {
  const { page, errors } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  for (const s of catalog.scenarios) {
    const label = `${s.http} - ${s.label}`;
    await page.getByLabel(/Test Data/).selectOption({ label });
    await sendButton(page).click();
    await answered(page);
    const status = await text(page, "response-status");
    assert.match(status, new RegExp(`^HTTP ${s.http} · ${s.code} `), `${label}: ${status}`);
    assert.ok((await text(page, "response-code")).startsWith(s.code));
  }
  assert.deepEqual(errors, []);
});

test("a 19-digit userId is identical in the form, the raw body, the preview, the sent bytes and the snippets", async () => {
  const { page } = await openPage();
  await page.getByLabel("userId", { exact: true }).fill(BIG);
  const raw = await body(page).inputValue();
  assert.ok(raw.includes(`"userId":${BIG},`), raw);
  assert.ok((await text(page, "preview")).includes(`"userId":${BIG},`));
  assert.ok((await text(page, "signed-string")).includes(`"userId":${BIG},`));
  await page.keyboard.press("Control+Enter");
  await answered(page);
  assert.match(await text(page, "response-status"), /^HTTP 200 · 000_000/);
  const view = await text(page, "response-body");
  assert.ok(view.includes("Request sent (exact headers and bytes)") && view.includes(raw), view);
  assert.ok(!view.includes("kp_sandbox_access_key_000000000000000000"), "the access key is shown by length only");
  // The snippet is written only while its panel is open.
  assert.equal(await text(page, "snippet"), "", "a closed snippet panel was written");
  await page.getByText("Show the snippet for this request").click();
  for (const language of ["curl + openssl (shell)", "Python 3", "JavaScript (Node 18+)", "Java 11+"]) {
    await page.getByLabel("Snippet language").selectOption({ label: language });
    const snippet = await text(page, "snippet");
    assert.ok(snippet.includes(BIG), `${language} snippet lost the userId`);
    assert.ok(snippet.includes("KONAPLATE_SECRET_KEY") && !snippet.includes("kp_sandbox_access_key_0"), language);
  }
});

test("the form and the raw JSON stay in sync both ways, and the form explains when it cannot edit", async () => {
  const { page } = await openPage();
  await page.getByLabel("amount", { exact: true }).fill("12a");
  assert.ok((await body(page).inputValue()).includes('"amount":"12a"'));
  assert.match(await text(page, "violations"), /\$\.amount \[type\]/);
  await setBody(page, `{"sequenceId":"S-9","userId":${BIG},"amount":5}`);
  await page.getByRole("tab", { name: "Form" }).click();
  assert.equal(await page.getByLabel("userId", { exact: true }).inputValue(), BIG);
  assert.equal(await page.getByLabel("oneTimeToken", { exact: true }).inputValue(), "");
  await setBody(page, '{"amount":1,"amount":2}');
  await page.getByRole("tab", { name: "Form" }).click();
  assert.match(await text(page, "form-blocked"), /repeats a key/);
  assert.equal(await page.getByLabel("amount", { exact: true }).isDisabled(), true);
});

test("a header override is sent as typed and validated: an impossible tran time refuses the send", async () => {
  const { page } = await openPage();
  await page.getByLabel("Override X-KM-Tran-Time").fill("20231340256199");
  assert.match(await text(page, "violations"), /X-KM-Tran-Time \[date\]/);
  await sendButton(page).click();
  await answered(page);
  assert.match(await text(page, "response-status"), /^Not sent: \d+ error/);
  await page.getByLabel("Send anyway (negative tests)").check();
  await sendButton(page).click();
  await answered(page);
  assert.match(await text(page, "response-status"), /^HTTP 400 · 000_901/);
  assert.ok((await text(page, "response-body")).includes("X-KM-Tran-Time: 20231340256199"));
});

test("a tran-token over another body is answered 401 000_903, with the expected and the received HMAC", async () => {
  const { page } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  const token = await text(page, "token");
  const forged = token.replace(/ \(67 characters\)$/, "").replace(/:[^:]+$/, ":" + "A".repeat(43) + "=");
  await page.getByLabel("Override X-KM-Tran-Token").fill(forged);
  assert.match(await text(page, "violations"), /X-KM-Tran-Token \[signature\]/);
  await page.getByLabel("Send anyway (negative tests)").check();
  await sendButton(page).click();
  await answered(page);
  assert.match(await text(page, "response-status"), /^HTTP 401 · 000_903/);
  assert.match(await text(page, "response-code"), /assigned by konaplate/);
  const hint = await text(page, "response-hint");
  assert.ok(hint.includes(await text(page, "hmac")) && hint.includes("A".repeat(43) + "="), hint);
});

test("the signature inspector shows the string signed, the HMAC, the time and the 66-vs-67 note", async () => {
  const { page } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  const raw = await body(page).inputValue();
  const signed = await text(page, "signed-string");
  assert.equal(signed, `${Buffer.byteLength(raw)} bytes: ${raw}`);
  const { createHmac } = await import("node:crypto");
  const mac = createHmac("sha256", SECRET).update(raw).digest("base64");
  assert.equal(await text(page, "hmac"), mac, "the page's HMAC equals node:crypto's");
  assert.match(await text(page, "token-time"), /^\d{17}$/);
  assert.match(await text(page, "token"), new RegExp(`^KMV1:\\d{17}:${mac.replace(/[+/=]/g, "\\$&")} \\(67 characters\\)$`));
  assert.match(await text(page, "token-note"), /length 66.*67/s);
});

test("the language switch relabels the console and words validation in Korean", async () => {
  const { page } = await openPage();
  await page.getByLabel("Language / 언어").selectOption("ko");
  assert.match(await text(page, "summary"), /^오류 0, 경고 0, 참고 1$/);
  await page.getByLabel("amount", { exact: true }).fill("0");
  assert.match(await text(page, "violations"), /오류 · \$\.amount \[minimum\]/);
  await page.getByRole("button", { name: /^브라우저 안 샌드박스로 보내기/ }).click();
  assert.match(await text(page, "response-status"), /^보내지 않음: 오류 1개/);
});

test("a pending charge offers the result inquiry, which says PENDING", async () => {
  const { page } = await openPage();
  await page.getByLabel("userId", { exact: true }).fill("9000000000000000007");
  await sendButton(page).click();
  await answered(page);
  assert.match(await text(page, "response-status"), /^HTTP 200 · 000_000/);
  assert.match(await text(page, "response-hint"), /isPending is true/);
  const sequenceId = JSON.parse(await body(page).inputValue()).sequenceId;
  await page.getByRole("button", { name: "Prepare the result inquiry" }).click();
  assert.equal(await page.getByLabel("Endpoint").inputValue(), "result-inquiry");
  assert.equal(await body(page).inputValue(), JSON.stringify({ sequenceId }));
  await sendButton(page).click();
  await answered(page);
  assert.ok((await text(page, "response-body")).includes('"result": "PENDING"'));
  // The history keeps both exchanges; the older one can be shown again.
  const entries = page.getByRole("list").filter({ has: page.getByRole("button", { name: /HTTP 200/ }) }).getByRole("button");
  assert.equal(await entries.count(), 2);
  await entries.nth(1).click();
  assert.ok((await text(page, "response-body")).includes('"isPending": true'));
});

test("the sandbox module is not part of the first load, is fetched on the first in-browser Send, and a failed load is explained and retried", async () => {
  const { page, errors } = await openPage();
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url()));
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  await page.getByLabel("amount", { exact: true }).fill("12000"); // the page in use, nothing sent
  const performed = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  for (const u of [...fetched, ...performed]) assert.ok(!u.includes("konaplate-console-sandbox"), `fetched early: ${u}`);
  // Nor is the console built with the document loader (a page without a spec never needs it).
  assert.ok(!performed.some((u) => u.includes("konaplate-console-spec")), `${performed.join(" ")}`);
  assert.ok(performed.some((u) => u.endsWith("/konaplate-console_bg.wasm")), "the built-in console is the one loaded");

  // The module's Wasm refused: the Send says so in English and Korean, and nothing is recorded.
  const refuse = (route) => route.abort();
  await page.route("**/konaplate-console-sandbox_bg.wasm", refuse);
  await sendButton(page).click();
  await answered(page);
  assert.equal(await text(page, "response-status"),
    "The in-browser sandbox could not be loaded (is the page still reachable?). Send or +5 min again to retry.");
  await page.getByLabel("Language / 언어").selectOption("ko");
  assert.match(await text(page, "response-status"), /^브라우저 안 샌드박스를 불러오지 못했습니다/);
  await page.getByLabel("Language / 언어").selectOption("en");
  assert.equal(await page.getByRole("list").filter({ has: page.getByRole("button", { name: /HTTP 200/ }) }).count(), 0);

  // Once it can be fetched, the next Send loads it and is answered; the one after at once.
  await page.unroute("**/konaplate-console-sandbox_bg.wasm", refuse);
  await sendButton(page).click();
  await answered(page);
  assert.match(await text(page, "response-status"), /^HTTP 200 · 000_000 · In-browser sandbox/);
  await sendButton(page).click(); // the same sequenceId again: answered at once, a duplicate
  assert.match(await text(page, "response-status"), /^HTTP 400 · 007_008 · In-browser sandbox/);
  const wasm = fetched.filter((u) => u.endsWith("konaplate-console-sandbox_bg.wasm")).length;
  assert.ok(wasm >= 2, `refused, then fetched again (${wasm})`);
  assert.ok(!fetched.some((u) => u.includes("konaplate-console-crypto")), "a plain charge does not need encryption");
  assert.deepEqual(errors, []);
});

test("the operations beyond the charge flow are not part of the first load: fetched when one is picked, a failed fetch explained and retried", async () => {
  const { page, errors } = await openPage();
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url()));
  const picker = page.getByLabel("Endpoint");
  await page.getByLabel("amount", { exact: true }).fill("12000");
  await picker.selectOption("cancel"); // the charge flow is whole in the first load
  await page.getByLabel("nrNumber", { exact: true }).waitFor();
  const performed = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  for (const u of [...fetched, ...performed]) assert.ok(!u.includes("konaplate-operations"), `fetched early: ${u}`);

  // The file refused: the picker says so in English and Korean, and the cancel stays open.
  const refuse = (route) => route.abort();
  await page.route("**/konaplate-operations.txt", refuse);
  await picker.selectOption("payment");
  await page.getByText("This API's fields could not be loaded: pick it again to retry.").waitFor();
  assert.equal(await picker.inputValue(), "cancel");
  await page.getByLabel("Language / 언어").selectOption("ko");
  await page.getByText("이 API의 필드를 불러오지 못했습니다. 다시 선택하면 다시 시도합니다.").waitFor();
  await page.getByLabel("Language / 언어").selectOption("en");

  // Once it can be fetched, the next pick loads it and opens the payment with its Test Data body.
  await page.unroute("**/konaplate-operations.txt", refuse);
  await picker.selectOption("payment");
  await page.getByLabel("transactionId", { exact: true }).waitFor();
  assert.equal(await picker.inputValue(), "payment");
  assert.match(await body(page).inputValue(), /"oneTimeToken"/);
  const files = fetched.filter((u) => u.endsWith("/konaplate-operations.txt")).length;
  assert.ok(files >= 2, `refused, then fetched again (${files})`);
  assert.deepEqual(errors, []);
});

/** Everything a console shows: its text, then every control's value. */
const shown = (page, host) =>
  page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    return [root.textContent, ...[...root.querySelectorAll("input, textarea, select")].map((c) => c.value)].join("\n");
  }, host);

test("the console's second module: first paint and typing never call into it, it is fetched after first paint, a Send works with it however it arrives, and says so when it cannot", async () => {
  // scripts/split-console.mjs keeps in the first module what www/console-first-paint.txt names.
  // A call into the second before it has arrived fetches it with a synchronous request: if this
  // test sees one during first paint or typing, the list is stale (scripts/first-paint-list.sh).
  // The constants only moved functions reach are zeros in the first module until the second is
  // instantiated (scripts/split-data.mjs): a kept function that read one would show a NUL, or
  // show less than a console mounted once the second module is in.
  for (const prefetch of ["blocked", "allowed", "unreachable"]) {
    const context = await browser.newContext();
    // The same clock and random bytes for every console of the page, so two of them show the same.
    await context.addInitScript(() => {
      crypto.getRandomValues = (array) => array.fill(7);
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date("2026-12-01T09:30:15.250Z"));
    const requests = [];
    let fetched = false;
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("requestfinished", (r) => (fetched ||= r.url().endsWith("_rest.wasm") && r.resourceType() === "fetch"));
    await page.route("**/konaplate-console_rest.wasm", (route) => {
      const kind = route.request().resourceType();
      requests.push(kind);
      const refused = prefetch === "unreachable" || (prefetch === "blocked" && kind === "fetch");
      return refused ? route.abort() : route.continue();
    });
    await page.goto(url);
    await page.locator("konaplate-try-it[data-ready=true]").waitFor();
    const firstPaint = await shown(page, "konaplate-try-it");
    // The visit the list was made from (typing, pasted bodies, the language switched).
    const typedInKorean = await visitBeforeASend(page, () => shown(page, "konaplate-try-it"));
    for (const [when, seen] of [["first paint", firstPaint], ["typing, in Korean", typedInKorean], ["typing", await shown(page, "konaplate-try-it")]]) {
      assert.ok(seen.length > 1000 && !seen.includes("\0"), `${prefetch}: ${when} shows a NUL (a moved constant read before it was loaded)`);
    }
    await expectEventually(() => requests.includes("fetch"), `${prefetch}: the second module is fetched after first paint`);
    assert.deepEqual(requests.filter((k) => k !== "fetch"), [], `${prefetch}: first paint and typing needed the second module`);
    if (prefetch === "allowed") {
      await expectEventually(() => fetched, "the prefetch finished");
      await page.waitForTimeout(2000); // compiled (off the main thread) and instantiated by then
    }
    await sendButton(page).click();
    if (prefetch === "unreachable") {
      // The Send cannot go on without it: every console says why, in English and Korean.
      const alert = page.locator("konaplate-try-it [role=alert]");
      await alert.waitFor();
      assert.match(await alert.textContent(), /part of the console .* could not be loaded \(no answer\): reload the page\. 콘솔의 일부를/);
      assert.ok(errors.some((e) => /could not be loaded/.test(e)), errors.join(" | "));
      await context.close();
      continue;
    }
    await answered(page);
    assert.match(await text(page, "response-status"), /^HTTP 200 · 000_000 /, prefetch);
    const synchronous = requests.filter((k) => k === "xhr").length;
    assert.equal(synchronous, prefetch === "blocked" ? 1 : 0, `${prefetch}: synchronous requests for the second module`);
    // A second console, mounted now that both modules are in, shows what the first showed at
    // its first paint (same clock, same random bytes, same options but the permalink).
    await page.evaluate(async () => {
      const { mount } = await import(new URL("konaplate-try-it.js", location.href).href);
      const host = document.createElement("div");
      host.id = "whole";
      document.body.append(host);
      await mount(host.attachShadow({ mode: "open" }), { heading: true });
    });
    assert.equal(firstPaint, await shown(page, "#whole"), `${prefetch}: first paint before the second module is not first paint after it`);
    assert.deepEqual(errors, [], prefetch);
    await context.close();
  }
});

test("errors refuse the send until 'Send anyway' is ticked", async () => {
  const { page } = await openPage();
  await page.getByLabel("amount", { exact: true }).fill("10000000000");
  await sendButton(page).click();
  await answered(page);
  assert.match(await text(page, "response-status"), /^Not sent: 1 error/);
  await page.getByLabel(/Send anyway/).check();
  await sendButton(page).click();
  await answered(page);
  assert.match(await text(page, "response-status"), /^HTTP 400 · 000_002/);
});

test("the permalink restores endpoint, body and header overrides exactly, and never carries a credential", async () => {
  const { page } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  await page.getByLabel("userId", { exact: true }).fill(BIG);
  await page.getByLabel("Time zone").selectOption("UTC");
  await page.getByLabel("Override X-KM-Correlation-Id").fill("251125120000-abcdef1");
  const raw = await body(page).inputValue();
  // The fragment is written a moment after the last change (not on every keystroke).
  await page.waitForFunction(() => {
    const hash = location.hash.slice(3).replace(/-/g, "+").replace(/_/g, "/");
    return hash && new TextDecoder().decode(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0))).includes("abcdef1");
  });
  const link = page.url();
  assert.ok(link.includes("#r=") && !link.includes(SECRET), link);
  const decoded = Buffer.from(link.split("#r=")[1], "base64url").toString();
  assert.ok(!decoded.includes(SECRET) && !decoded.includes("kp_sandbox_access_key"), decoded);
  const { page: fresh } = await openPage({}, link);
  assert.equal(await body(fresh).inputValue(), raw);
  assert.equal(await fresh.getByLabel("Time zone").inputValue(), "UTC");
  assert.equal(await fresh.getByLabel("Override X-KM-Correlation-Id").inputValue(), "251125120000-abcdef1");
  assert.equal(await fresh.getByLabel("Secret key (memory only)").inputValue(), "");
});

test("a permalink to an operation beyond the charge flow opens it with its body once its fields load", async () => {
  const { page } = await openPage();
  await page.getByLabel("Endpoint").selectOption("payment");
  await page.getByLabel("transactionId", { exact: true }).fill("TX-PERMALINK-1");
  const raw = await body(page).inputValue();
  await page.waitForFunction(() => {
    const hash = location.hash.slice(3).replace(/-/g, "+").replace(/_/g, "/");
    return hash && new TextDecoder().decode(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0))).includes("TX-PERMALINK-1");
  });
  const { page: fresh, errors } = await openPage({}, page.url());
  await fresh.getByLabel("transactionId", { exact: true }).waitFor();
  assert.equal(await fresh.getByLabel("Endpoint").inputValue(), "payment");
  assert.equal(await body(fresh).inputValue(), raw, "the link's body, not the starter");
  assert.deepEqual(errors, []);
});

test("after a whole session with a secret typed in, no storage, cookie, URL, log, history or snippet holds it", async () => {
  const { page, logs } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  for (const s of catalog.scenarios.slice(0, 4)) {
    await page.getByLabel(/Test Data/).selectOption({ label: `${s.http} - ${s.label}` });
    await sendButton(page).click();
    await answered(page);
  }
  await page.getByLabel("Language / 언어").selectOption("ko");
  await page.getByLabel("Language / 언어").selectOption("en");
  const seen = await page.evaluate(async () => {
    const host = document.querySelector("konaplate-try-it");
    return {
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      url: location.href,
      idb: JSON.stringify(await indexedDB.databases()),
      caches: JSON.stringify(await caches.keys()),
      text: document.body.innerText + host.shadowRoot.textContent,
      attributes: [...host.shadowRoot.querySelectorAll("*")].flatMap((e) => [...e.attributes].map((a) => a.value)).join(" "),
    };
  });
  seen.logs = logs.join("\n");
  for (const [where, value] of Object.entries(seen)) {
    assert.ok(!value.includes(SECRET), `the secret is in ${where}`);
  }
  assert.ok(!JSON.stringify(await page.context().cookies()).includes(SECRET));
  await page.getByRole("button", { name: "Clear credentials" }).click();
  assert.equal(await page.getByLabel("Secret key (memory only)").inputValue(), "");
  assert.equal(await page.getByLabel("Access key").inputValue(), "");
});

test("Send goes to a real konaplate serve over fetch, and a refused or missing server is explained", async () => {
  const serve = await startServe({ secret: SECRET, allowOrigin: origin });
  const strict = await startServe({ secret: SECRET, allowOrigin: "http://elsewhere.invalid" });
  try {
    const { page } = await openPage();
    await page.getByLabel("Secret key (memory only)").fill(SECRET);
    await page.getByLabel("Send to").selectOption("server");
    await page.getByLabel("Server base URL").fill(`${serve.url}/open-api`);
    await page.getByLabel("userId", { exact: true }).fill(BIG);
    await page.getByRole("button", { name: /^Send to konaplate serve/ }).click();
    await page.locator("#response-status").filter({ hasText: /^HTTP/ }).waitFor();
    assert.match(await text(page, "response-status"), /^HTTP 200 · 000_000 · konaplate serve/);
    assert.ok((await text(page, "response-body")).includes(`"userId":${BIG},`));

    await page.getByLabel("Server base URL").fill(`${strict.url}/open-api`);
    await sendButton(page).click();
    await answered(page);
    await page.locator("#response-status").filter({ hasText: /CORS/ }).waitFor();
    assert.match(await text(page, "response-status"), new RegExp(`CORS policy does not allow this page's origin ${origin}.*--allow-origin`));

    await page.getByLabel("Server base URL").fill("http://127.0.0.1:9/open-api");
    await sendButton(page).click();
    await answered(page);
    await page.locator("#response-status").filter({ hasText: /^Nothing answered/ }).waitFor();
    assert.match(await text(page, "response-status"), /konaplate serve --allow-origin/);
  } finally {
    serve.stop();
    strict.stop();
  }
});

test("the proxy target on a page served without trunk serve's proxy says so", async () => {
  const { page } = await openPage();
  await page.getByLabel("Send to").selectOption("proxy");
  await page.getByRole("button", { name: /^Send to KONA PLATE \(proxy\)/ }).click();
  await page.locator("#response-status").filter({ hasText: /^HTTP/ }).waitFor();
  assert.match(await text(page, "response-status"), /^HTTP 501 · - · KONA PLATE sandbox/);
  assert.match(await text(page, "response-hint"), /without the \/kona-sandbox proxy \(a static server\).*trunk serve/);
});

test("hostile text in a response or a body is shown as text: no markup, no script runs", async () => {
  const hostile = await startHostile();
  try {
    const { page } = await openPage();
    await page.evaluate(() => { window.__pwned = 0; });
    await page.getByLabel("Send to").selectOption("server");
    await page.getByLabel("Server base URL").fill(hostile.url);
    await page.getByLabel("sequenceId", { exact: true }).fill('<img src=x onerror="window.__pwned=1">');
    await page.getByLabel("Send anyway (negative tests)").check();
    await sendButton(page).click();
    await answered(page);
    await page.locator("#response-status").filter({ hasText: /^HTTP 400/ }).waitFor();
    const view = await text(page, "response-body");
    assert.ok(view.includes("<script>window.__pwned=2</script>") && view.includes("<img src=x onerror="), view);
    await page.waitForTimeout(200);
    const found = await page.evaluate(() => ({
      pwned: window.__pwned,
      markup: document.querySelector("konaplate-try-it").shadowRoot.querySelectorAll("img, script").length,
    }));
    assert.deepEqual(found, { pwned: 0, markup: 0 });
  } finally {
    hostile.stop();
  }
});

test("the Content-Security-Policy refuses inline scripts on the page", async () => {
  const { page } = await openPage();
  const ran = await page.evaluate(() => {
    window.__inline = 0;
    const s = document.createElement("script");
    s.textContent = "window.__inline = 1";
    document.head.append(s);
    return window.__inline;
  });
  assert.equal(ran, 0);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.ok(csp.includes("'wasm-unsafe-eval'") && !csp.includes("unsafe-inline"), csp);
});

test("the page loads without a console error: its stylesheet applies, light and dark, and its icon is there", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.locator("konaplate-try-it[data-ready=true]").waitFor();
    // A stylesheet whose integrity digest no longer matches (a file minified after Trunk hashed
    // it) is refused with a console error, and the page's own styles are then missing.
    const style = await page.evaluate(() => {
      const s = getComputedStyle(document.body);
      return { maxWidth: s.maxWidth, background: s.backgroundColor };
    });
    assert.equal(style.maxWidth, "1024px", `${colorScheme}: page.css not applied`);
    assert.equal(style.background, colorScheme === "dark" ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)");
    const icon = await page.evaluate(async () => (await fetch(document.querySelector('link[rel="icon"]').href)).status);
    assert.equal(icon, 200);
    assert.deepEqual(errors, [], `${colorScheme}: console errors`);
    await context.close();
  }
});

test("axe-core finds no serious or critical accessibility violation, light and dark", async () => {
  const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  for (const colorScheme of ["light", "dark"]) {
    // bypassCSP: axe is injected by the test, which the page's CSP would rightly refuse.
    const { page } = await openPage({ bypassCSP: true, colorScheme });
    await sendButton(page).click();
    await answered(page);
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], colorScheme);
  }
});

test("the embed sample: two consoles inside foreign HTML and CSS, no style leaking either way", async () => {
  const { page, errors } = await openPage({}, "embed.html");
  const consoles = page.locator("konaplate-try-it[data-ready=true]");
  await consoles.nth(1).waitFor();
  assert.equal(await consoles.count(), 2);
  const first = consoles.nth(0);
  await first.getByRole("button", { name: /^Send to the in-browser sandbox/ }).click();
  await first.locator("#response-status").filter({ hasNotText: /^Sending…$/ }).waitFor();
  assert.match(await first.locator("#response-status").textContent(), /^HTTP 200 · 000_000/);
  const second = consoles.nth(1);
  assert.equal(await second.getByLabel("엔드포인트").inputValue(), "result-inquiry");
  assert.match(await second.locator("#summary").textContent(), /^오류 /);
  assert.match(await second.locator("#response-status").textContent(), /^아직/, "each console has its own state");
  const styles = await page.evaluate(() => {
    const inner = document.querySelector("konaplate-try-it").shadowRoot;
    const css = (e) => getComputedStyle(e);
    return {
      hostButton: css(document.getElementById("host-button")).backgroundColor,
      hostLabel: css(document.getElementById("host-label")).textTransform,
      hostFont: css(document.getElementById("host-paragraph")).fontFamily,
      innerLabel: css(inner.querySelector("label")).textTransform,
      innerFont: css(inner.querySelector("label")).fontFamily,
      innerColor: css(inner.querySelector("label")).color,
      innerButton: css(inner.querySelector("#send")).backgroundColor,
    };
  });
  assert.equal(styles.hostButton, "rgb(0, 128, 0)", "the console's CSS reached the host's button");
  assert.equal(styles.hostLabel, "uppercase");
  assert.match(styles.hostFont, /Georgia/);
  assert.equal(styles.innerLabel, "none", "the host's CSS reached the console's labels");
  assert.doesNotMatch(styles.innerFont, /Georgia/);
  assert.notEqual(styles.innerColor, "rgb(128, 0, 0)");
  assert.notEqual(styles.innerButton, "rgb(0, 128, 0)");
  assert.deepEqual(errors, []);
});

test("`heading` shows a console's own heading, `title` (its old name) still does, and a console has none without", async () => {
  const headings = (page) => page.locator("konaplate-try-it[data-ready=true]").evaluateAll((els) =>
    els.map((el) => [...el.shadowRoot.querySelectorAll("h1")].map((h) => h.textContent)));
  const main = await openPage();
  assert.deepEqual(await headings(main.page), [["konaplate · Try It"]]);
  assert.equal(await main.page.locator("konaplate-try-it").getAttribute("title"), null, "no tooltip over the page's console");
  const embed = await openPage({}, "embed.html");
  await embed.page.locator("konaplate-try-it[data-ready=true]").nth(1).waitFor();
  assert.deepEqual(await headings(embed.page), [[], []]);
  // A page written for the old name.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(new URL("old-title.html", url).href, (route) => route.fulfill({
    contentType: "text/html",
    body: '<!doctype html><meta charset="utf-8"><script type="module" src="konaplate-try-it.js"></script><konaplate-try-it title></konaplate-try-it>',
  }));
  await page.goto(new URL("old-title.html", url).href);
  await page.locator("konaplate-try-it[data-ready=true]").waitFor();
  assert.deepEqual(await headings(page), [["konaplate · Try It"]]);
  await context.close();
  assert.deepEqual([...main.errors, ...embed.errors], []);
});

test("the dark-mode toggle flips the console's scheme; the page is usable at phone width", async () => {
  const { page } = await openPage({ colorScheme: "light", viewport: { width: 375, height: 800 } });
  const scheme = () => page.evaluate(() =>
    getComputedStyle(document.querySelector("konaplate-try-it").shadowRoot.querySelector(".kp")).colorScheme);
  assert.equal(await scheme(), "light");
  const toggle = page.getByRole("button", { name: "Toggle dark mode" });
  await toggle.click();
  assert.equal(await scheme(), "dark");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  await toggle.click();
  assert.equal(await scheme(), "light");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 375px`);
});

test("screenshots, light and dark, desktop and phone, for a person to look at", async () => {
  mkdirSync(new URL("./screenshots/", import.meta.url), { recursive: true });
  for (const [name, viewport] of [["desktop", { width: 1100, height: 1400 }], ["phone", { width: 390, height: 900 }]]) {
    for (const colorScheme of ["light", "dark"]) {
      const { page } = await openPage({ colorScheme, viewport });
      await page.getByLabel(/Test Data/).selectOption({ label: "200 - Test succeeded" });
      await sendButton(page).click();
      await answered(page);
      const file = new URL(`./screenshots/page-${name}-${colorScheme}.png`, import.meta.url).pathname;
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(readFileSync(file).length > 10_000, `${file} looks empty`);
    }
  }
});
