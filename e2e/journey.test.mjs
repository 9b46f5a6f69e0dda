// The whole charge journey, driven by visible labels: from account-holder verification to a
// refund and the history that lists it, using only the Journey section's steps, the fixtures
// (buttons), the link buttons under each response, "+5 min", one typed amount, and the Encryption
// panel's "Use the sandbox test keys" (both sandboxes enforce encryption). No value comes from the
// source. The same walk runs in the in-browser sandbox and against a `konaplate serve` started
// here, whose own clock "+5 min" moves (POST /sandbox/clock); when "+5 min" cannot move a clock
// (KONA PLATE's sandbox, a server that is down or is not a sandbox) the page says why.
// KP_URL: the built page served locally; KP_CLI: the konaplate binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./chromium.mjs";
import { startHostile, startServe } from "./servers.mjs";

const url = process.env.KP_URL;
const origin = new URL(url).origin;
const SECRET = "e2e-journey-secret";
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

/** A fresh page with the secret typed; `target` (a "Send to" option's label) and `serverUrl` pick
 *  where Send and "+5 min" go. */
async function openConsole({ target, serverUrl } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.locator("konaplate-try-it[data-ready=true]").first().waitFor();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  if (target) await page.getByLabel("Send to").selectOption({ label: target });
  if (serverUrl) await page.getByLabel("Server base URL").fill(serverUrl);
  return { context, page, errors };
}

const clockLine = (page) => page.locator("#journey-clock").first();
const plusFive = (page) => page.getByRole("button", { name: "+5 min on the sandbox clock" }).first();

/** Waits until the clock line matches `pattern` and returns it (whatever it says after 10 s). */
async function clockSays(page, pattern) {
  await clockLine(page).filter({ hasText: pattern }).waitFor({ timeout: 10_000 }).catch(() => {});
  return clockLine(page).textContent();
}

/** The walk, wherever Send goes; `advanced`: what the clock line says once "+5 min" moved the clock. */
async function walkJourney(page, advanced) {
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
  await plusFive(page).click();
  assert.match(await clockSays(page, advanced), advanced);
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
}

test("a newcomer walks the journey by steps, fixtures and link buttons, and the history lists the refund", async () => {
  const { context, page, errors } = await openConsole();
  await walkJourney(page, /^Sandbox clock: \+5 min$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the same walk against konaplate serve: +5 min moves the server's clock, and its history lists the refund", async () => {
  const serve = await startServe({ secret: SECRET, allowOrigin: origin });
  try {
    const { context, page, errors } = await openConsole({
      target: "konaplate serve (a local sandbox server)",
      serverUrl: `${serve.url}/open-api`,
    });
    assert.equal(await clockLine(page).textContent(),
      `Sandbox clock of the server: not moved from this page (+5 min posts to ${serve.url}/sandbox/clock).`);
    const clockUrl = `${serve.url}/sandbox/clock`.replace(/[.]/g, "\\.");
    await walkJourney(page, new RegExp(
      `^Sandbox clock: \\+5 min \\(server ${clockUrl}, business time \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d KST\\)$`));
    // The server's own clock moved (asked here over HTTP, not read from the page), and only by 5 min.
    assert.equal((await (await fetch(`${serve.url}/sandbox/clock`)).json()).offsetMs, 5 * 60_000);
    assert.match(serve.output(), /POST \/sandbox\/clock -> \+300000 ms, offset 300000 ms/);
    // Every step went to the server: the history it answered, the refund before it.
    assert.match(serve.output(), /POST \/open-api\/api\/v1\/transaction\/card -> 200 000_000 /);
    assert.equal(serve.output().match(/ -> 200 000_000 /g).length, 14, serve.output());
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    serve.stop();
  }
});

test("+5 min says why no clock moved: KONA PLATE's sandbox, a server that is down, a server that is not a sandbox", async () => {
  const { context, page, errors } = await openConsole({ target: "KONA PLATE sandbox (through trunk serve's proxy)" });
  const onlySandbox = /^\+5 min works only on a konaplate sandbox \(the in-browser sandbox or konaplate serve\); KONA PLATE's own servers keep real time\.$/;
  assert.match(await clockLine(page).textContent(), onlySandbox);
  await plusFive(page).click();
  assert.match(await clockLine(page).textContent(), onlySandbox, "nothing pretends to move");

  // A server target where nothing listens (a port just freed by a server that stopped).
  const gone = await startHostile();
  gone.stop();
  await page.getByLabel("Send to").selectOption({ label: "konaplate serve (a local sandbox server)" });
  await page.getByLabel("Server base URL").fill(`${gone.url}/open-api`);
  await plusFive(page).click();
  const down = await clockSays(page, /^Clock not moved/);
  assert.ok(down.startsWith(`Clock not moved: Nothing answered at ${gone.url}/sandbox/clock: the server is not running`), down);

  // A server that answers, but not as a sandbox clock (a 400 envelope full of markup).
  const hostile = await startHostile();
  try {
    await page.getByLabel("Server base URL").fill(`${hostile.url}/open-api`);
    await plusFive(page).click();
    const not = await clockSays(page, /^Clock not moved/);
    assert.equal(not, `Clock not moved: ${hostile.url}/sandbox/clock answered HTTP 400, not as a konaplate sandbox. `
      + "+5 min works only on a konaplate sandbox (the in-browser sandbox or konaplate serve); KONA PLATE's own servers keep real time.");
    await page.getByLabel("Language / 언어").selectOption("ko");
    assert.match(await clockLine(page).textContent(),
      /^시계를 옮기지 못했습니다\. http:\/\/127\.0\.0\.1:\d+\/sandbox\/clock의 응답\(HTTP 400\)은 konaplate 샌드박스의 시계가 아닙니다\. \+5분은 /);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  } finally {
    hostile.stop();
  }
  assert.deepEqual(errors, []);
  await context.close();
});
