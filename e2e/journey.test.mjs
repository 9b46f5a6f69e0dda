// The whole charge journey in the in-browser sandbox, driven by visible labels: from
// account-holder verification to a refund and the history that lists it, using only the
// Journey section's steps, the fixtures (buttons), the link buttons under each response,
// "+5 min", one typed amount, and the Encryption panel's "Use the sandbox test keys" (the
// in-browser sandbox enforces encryption as konaplate serve does). No value comes from the source.
// KP_URL: the built page served locally.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./chromium.mjs";

const url = process.env.KP_URL;
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

test("a newcomer walks the journey by steps, fixtures and link buttons, and the history lists the refund", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.locator("konaplate-try-it[data-ready=true]").first().waitFor();
  await page.getByLabel("Secret key (memory only)").fill("e2e-journey-secret");

  const button = (name) => page.getByRole("button", { name }).first();
  const status = () => page.locator("#response-status").first().textContent();
  const exchange = () => page.locator("#response-body").first().textContent();
  const walker = () => button(/start here$/);
  const answered = async () => {
    await page.locator("#response-status").filter({ hasText: /^HTTP/ }).first().waitFor({ timeout: 10_000 });
    return status();
  };
  const send = async (what) => {
    await button(/^Send to/).click();
    assert.match(await answered(), /^HTTP 200 · 000_000 /, `${what}: ${await exchange()}`);
  };
  /** The response body: the first pretty-printed JSON object of the exchange shown. */
  const responseJson = async () => {
    const shown = await exchange();
    const start = shown.indexOf("\n{");
    return JSON.parse(shown.slice(start + 1, shown.indexOf("\n}", start) + 2));
  };
  const link = (to) => button(new RegExp(`^→ ${to} `));

  await page.getByText("Sandbox fixtures (click to fill)").click();
  await button(/^○ 1\. Account-holder real-name verification/).click();
  // An Encrypted operation: the encryption module loads; the sandbox's published test keys seal.
  await page.locator("#crypto-status").filter({ hasText: "Encryption module loaded" }).first()
    .or(page.locator("#crypto-status").filter({ hasText: "No server key" }).first()).waitFor();
  await button("Use the sandbox test keys").click();
  await walker().click();
  await send("holder verification");
  await link("Authentication code generation").click();
  await send("ARS code");
  await link("Bank account registration via PG").click();
  await walker().click();
  await send("registration");
  await link("Search for Account Registration Status").click();
  await send("status");
  assert.equal((await responseJson()).status, "ARS_AUTH_IN_PROGRESS");
  await button("+5 min on the sandbox clock").click();
  assert.equal(await page.locator("#journey-clock").first().textContent(), "Sandbox clock: +5 min");
  await send("status after 5 min");
  assert.equal((await responseJson()).status, "BANK_ACC_REGISTERED");

  await button(/^○ 5\. Issuance of Disposable Token/).click();
  await walker().click();
  await send("token");
  await link("ChargeSync").click();
  await walker().click();
  await page.getByLabel("amount", { exact: true }).fill("30000");
  await send("charge");
  await link("Checking Result of Charge").click();
  await send("result inquiry");
  assert.equal((await responseJson()).result, "COMPLETED");

  await button(/^✓ 5\. Issuance of Disposable Token/).click();
  await send("token for the payment");
  await link("Payment").click();
  await send("payment");
  assert.equal((await responseJson()).balance, 20000);

  // The refund: a second charge, cancelled from its answer's link with a fresh sequenceId.
  await button(/^✓ 5\. Issuance of Disposable Token/).click();
  await send("token for the second charge");
  await link("ChargeSync").click();
  await page.getByLabel("amount", { exact: true }).fill("5000");
  await send("second charge");
  await link("Cancellation of Charge").click();
  await send("refund");
  await link("Checking Transaction History").click();
  await walker().click();
  await send("history");
  const history = await responseJson();
  assert.deepEqual(history.transactionInfo.map((t) => [t.trType, t.trAmount, t.balanceAfter]),
    [["02", 5000, 20000], ["01", 5000, 25000], ["00", 10000, 20000], ["01", 30000, 30000]]);

  const steps = await page.locator("#journey-steps li").allTextContents();
  assert.equal(steps.length, 10);
  assert.ok(steps.every((s) => s.startsWith("✓")), steps.join("\n"));
  // A step's Test Data buttons reproduce their codes (here: an unknown regNo); the step then shows ✗.
  await button(/^✓ 4\. Search for Account Registration Status/).click();
  await button(/^400 · 002_019 · /).click();
  await button(/^Send to/).click();
  assert.match(await answered(), /^HTTP 400 · 002_019 /);

  assert.match((await page.locator("#journey-steps li").allTextContents())[3], /^✗ 4\. .* · 002_019$/);
  assert.deepEqual(errors, []);
  await context.close();
});
