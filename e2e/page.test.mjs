// The Try It page as a person uses it, in Debian's headless Chromium: controls found by their
// visible labels and roles. KP_URL: the built page served locally; KP_CATALOG: the catalog JSON
// printed by `konaplate catalog --json` (the scenarios' labels and codes come from there).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const url = process.env.KP_URL;
const catalog = JSON.parse(readFileSync(process.env.KP_CATALOG, "utf8"));
const SECRET = "e2e-secret-must-stay-in-memory-4417";
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});
after(async () => browser?.close());

async function openPage(options = {}) {
  const page = await browser.newPage(options);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.locator("#app[data-ready=true]").waitFor();
  return { page, errors };
}

test("every Test Data scenario, picked by its label and sent, gives its documented status and code", async () => {
  const { page, errors } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  const send = page.getByRole("button", { name: /Send to the in-browser sandbox/ });
  for (const s of catalog.scenarios) {
    const label = `${s.http} - ${s.label}`;
    await page.getByLabel(/Test Data/).selectOption({ label });
    await send.click();
    const status = await page.locator("#response-status").textContent();
    assert.match(status, new RegExp(`^HTTP ${s.http} · ${s.code} `), `${label}: ${status}`);
    const explanation = await page.locator("#response-code").textContent();
    assert.ok(explanation.startsWith(s.code), explanation);
  }
  assert.deepEqual(errors, []);
});

test("a 19-digit userId is identical in the typed body, the preview and a successful send", async () => {
  const { page } = await openPage();
  const body = (await page.getByLabel("Request body (JSON)").inputValue()).replace(/"userId":\d+/, '"userId":9999999999999999999');
  await page.getByLabel("Request body (JSON)").fill(body);
  assert.ok((await page.locator("#preview").textContent()).includes('"userId":9999999999999999999'));
  await page.keyboard.press("Control+Enter");
  assert.match(await page.locator("#response-status").textContent(), /^HTTP 200 · 000_000/);
  for (const language of ["curl + openssl (shell)", "Python 3", "JavaScript (Node 18+)", "Java 11+"]) {
    await page.getByRole("region", { name: "Code snippets" }).getByLabel(/Language/).selectOption({ label: language });
    const snippet = await page.locator("#snippet").textContent();
    assert.ok(snippet.includes("9999999999999999999"), `${language} snippet lost the userId`);
    assert.ok(snippet.includes("KONAPLATE_SECRET_KEY") && !snippet.includes("kp_sandbox_access_key_0"), language);
  }
  const view = await page.locator("#response-body").textContent();
  assert.ok(view.includes(`Request sent (exact headers and bytes)`), view);
  assert.ok(view.includes(body), "the response view shows the exact bytes sent");
  assert.ok(!view.includes("kp_sandbox_access_key_000000000000000000"), "the access key is shown by length only");
});

test("the permalink restores endpoint and body exactly, and never carries the secret", async () => {
  const { page } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  const field = page.getByLabel("Request body (JSON)");
  const body = (await field.inputValue()).replace(/"userId":\d+/, '"userId":9999999999999999999');
  await field.fill(body);
  await page.getByLabel("Time zone").selectOption("UTC");
  const link = page.url();
  assert.ok(!link.includes(SECRET) && link.includes("#r="), link);
  const { page: fresh } = await openPage();
  await fresh.goto(link);
  await fresh.reload();
  await fresh.locator("#app[data-ready=true]").waitFor();
  assert.equal(await fresh.getByLabel("Request body (JSON)").inputValue(), body);
  assert.equal(await fresh.getByLabel("Time zone").inputValue(), "UTC");
  assert.equal(await fresh.getByLabel("Secret key (memory only)").inputValue(), "");
});

test("errors refuse the send until 'Send anyway' is ticked", async () => {
  const { page } = await openPage();
  const field = page.getByLabel("Request body (JSON)");
  await field.fill((await field.inputValue()).replace(/"amount":\d+/, '"amount":10000000000'));
  await page.getByRole("button", { name: /Send to the in-browser sandbox/ }).click();
  assert.match(await page.locator("#response-status").textContent(), /^Not sent: 1 error/);
  await page.getByLabel(/Send anyway/).check();
  await page.getByRole("button", { name: /Send to the in-browser sandbox/ }).click();
  assert.match(await page.locator("#response-status").textContent(), /^HTTP 400 · 000_002/);
});

test("after a session with a secret typed in, no storage, cookie or URL holds it", async () => {
  const { page } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  await page.getByRole("button", { name: /Send to the in-browser sandbox/ }).click();
  const stored = await page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    url: location.href,
    idb: JSON.stringify(await indexedDB.databases()),
    text: document.body.innerText,
  }));
  stored.snippet = await page.locator("#snippet").textContent();
  for (const [where, value] of Object.entries(stored)) {
    assert.ok(!value.includes(SECRET), `the secret is in ${where}`);
  }
  const cookies = await page.context().cookies();
  assert.ok(!JSON.stringify(cookies).includes(SECRET));
});

test("the dark-mode toggle flips the scheme the page shows", async () => {
  const { page } = await openPage({ colorScheme: "light" });
  const scheme = () => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
  assert.equal(await scheme(), "light dark");
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  assert.equal(await scheme(), "dark");
  assert.equal(await page.getByRole("button", { name: "Toggle dark mode" }).getAttribute("aria-pressed"), "true");
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  assert.equal(await scheme(), "light");
});

test("screenshots, light and dark, for a person to look at", async () => {
  mkdirSync(new URL("./screenshots/", import.meta.url), { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    const { page } = await openPage({ colorScheme, viewport: { width: 1000, height: 1400 } });
    await page.getByLabel(/Test Data/).selectOption({ label: "200 - Test succeeded" });
    await page.getByRole("button", { name: /Send to the in-browser sandbox/ }).click();
    const file = new URL(`./screenshots/page-${colorScheme}.png`, import.meta.url).pathname;
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(readFileSync(file).length > 10_000, `${file} looks empty`);
  }
});
