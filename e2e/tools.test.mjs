// The console's tools in Debian's headless Chromium, driven by visible labels: the Diagnose
// panel against the doctor table, deviations under responses (also through `konaplate proxy`),
// environments (profiles, variables, keep-for-tab, profile files) and the HAR export.
// KP_URL: the built page; KP_CATALOG: `konaplate catalog --json`; KP_CLI: the konaplate binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { spawn } from "node:child_process";
import { isIPv4, isIPv6 } from "node:net";
import { createRequire } from "node:module";
import { launch } from "./chromium.mjs";
import { startServe } from "./servers.mjs";

const require = createRequire(import.meta.url);
const url = process.env.KP_URL;
const origin = new URL(url).origin;
const catalog = JSON.parse(readFileSync(process.env.KP_CATALOG, "utf8"));
const doctorTable = JSON.parse(readFileSync(new URL("../testdata/doctor-cases.json", import.meta.url), "utf8"));
const SECRET = "e2e-tools-secret-stays-in-memory-2291";
const ACCESS_KEY = "kp_sandbox_access_key_000000000000000000";
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

async function openPage({ now, path = "" } = {}) {
  const context = await browser.newContext();
  if (now !== undefined) await context.clock.setFixedTime(now);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(new URL(path, url).href);
  await page.locator("konaplate-try-it[data-ready=true]").first().waitFor();
  return { page, context, errors };
}

const text = (page, id) => page.locator(`#${id}`).first().textContent();
const sendButton = (page) => page.getByRole("button", { name: /^Send to/ });
// A send's answer: the first Send to the in-browser sandbox loads its module ("Sending…" until
// then); later ones answer at once.
const answered = (page) =>
  page.locator("#response-status").first().filter({ hasNotText: /^(Sending…|보내는 중…)$/ }).waitFor();
const secretField = (page) => page.getByLabel("Secret key (memory only)");

/** The list items of `#id` as `{ text, cls }`. */
const items = (page, id) =>
  page.locator(`#${id} li`).evaluateAll((lis) => lis.map((li) => ({ text: li.textContent, cls: li.className })));

/** Reads the Diagnose list back into what the doctor table states (the CLI's JSON, by kind). */
function observed(list) {
  const requests = [];
  for (const { text: line, cls } of list) {
    if (cls === "request") { requests.push({ findings: [], causes: [], errors: [] }); continue; }
    const current = requests.at(-1);
    const finding = line.match(/^(error|warning|note) · \[(\w+)(?:: ([\w, ]+))?\]: /);
    if (finding) {
      current.findings.push(finding[2]);
      if (finding[3]) current.causes.push(...finding[3].split(", "));
      continue;
    }
    const violation = line.match(/^(error|warning|note) · (\S+) \[(\w+)\]: /);
    assert.ok(violation, `an unreadable line: ${line}`);
    if (violation[1] === "error") current.errors.push([violation[2], violation[3]]);
  }
  return requests;
}

/** Presses Diagnose and waits for the verdict: the first press may wait for the diagnose module. */
async function diagnose(page) {
  await page.getByRole("button", { name: "Diagnose", exact: true }).click();
  await page.locator("#diagnose-summary").filter({ hasText: /^(No problem|Problem|Not a request|The Diagnose panel)/ })
    .first().waitFor();
}

const expected = (e) => ({ findings: e.findings, causes: e.causes ?? [], errors: e.errors ?? [] });

test("every case of the doctor table, pasted into the Diagnose panel, gets its expected diagnosis", async () => {
  // The table's requests are diagnosed at its clock (nowMs), as the CLI's --now-ms does.
  const { page, errors } = await openPage({ now: doctorTable.nowMs });
  const exits = { "No problem found.": 0, "Problem found.": 1, "Not a request konaplate can read.": 2 };
  for (const c of doctorTable.cases) {
    await secretField(page).fill(c.secret ?? "");
    await page.getByLabel("Request to diagnose").fill(c.input);
    await diagnose(page);
    const summary = await text(page, "diagnose-summary");
    assert.equal(exits[summary], c.expect.exit, `${c.name}: ${summary}`);
    if (c.expect.exit === 2) continue;
    const got = observed(await items(page, "diagnose-findings"));
    const want = (c.expect.requests ?? [c.expect]).map(expected);
    assert.deepEqual(got, want, c.name);
  }
  assert.equal(doctorTable.cases.length >= 25, true);
  assert.deepEqual(errors, []);
});

test("the Diagnose panel words its findings in Korean and never shows the secret", async () => {
  const { page } = await openPage({ now: doctorTable.nowMs });
  const c = doctorTable.cases.find((x) => x.name === "signed pretty-printed, sent compact");
  await secretField(page).fill(c.secret);
  await page.getByLabel("Request to diagnose").fill(c.input);
  await diagnose(page);
  await page.getByLabel("Language / 언어").selectOption("ko");
  assert.equal(await text(page, "diagnose-summary"), "문제가 있습니다.");
  const list = (await items(page, "diagnose-findings")).map((i) => i.text).join("\n");
  assert.match(list, /오류 · \[signatureReproduced: prettyPrinted\]: .*들여쓰기/);
  assert.ok(!list.includes(c.secret));
});

test("the diagnose module is not part of the first load, is fetched once the panel is used, and a failed load is explained", async () => {
  const { page, errors } = await openPage({ now: doctorTable.nowMs });
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url()));
  const c = doctorTable.cases.find((x) => x.name === "signed pretty-printed, sent compact");
  await secretField(page).fill(c.secret);
  await sendButton(page).click(); // the page in use, but not the Diagnose panel
  await answered(page);
  await page.locator("#response-status").filter({ hasText: /^HTTP/ }).first().waitFor();
  const performed = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  for (const u of [...fetched, ...performed]) assert.ok(!u.includes("konaplate-console-diagnose"), `fetched early: ${u}`);

  // The module's Wasm refused: the press says so in English and Korean; once it can be fetched,
  // the next press loads it and diagnoses.
  const refuse = (route) => route.abort();
  await page.route("**/konaplate-console-diagnose_bg.wasm", refuse);
  await page.getByLabel("Request to diagnose").fill(c.input);
  await diagnose(page);
  assert.match(await text(page, "diagnose-summary"), /^The Diagnose panel is not available: press Diagnose to try again \(the diagnose module could not be loaded\)$/);
  await page.getByLabel("Language / 언어").selectOption("ko");
  assert.match(await text(page, "diagnose-summary"), /진단 모듈을 불러오지 못했습니다/);
  await page.getByLabel("Language / 언어").selectOption("en");
  await page.unroute("**/konaplate-console-diagnose_bg.wasm", refuse);
  await diagnose(page);
  assert.equal(await text(page, "diagnose-summary"), "Problem found.");
  const wasm = fetched.filter((u) => u.endsWith("konaplate-console-diagnose_bg.wasm")).length;
  assert.ok(wasm >= 2, `refused, then fetched again (${wasm})`);
  assert.ok(!fetched.some((u) => u.includes("konaplate-console-crypto")), "the Diagnose panel does not need encryption");
  assert.deepEqual(errors, []);
});

test("every in-browser sandbox answer to the 13 scenarios has no deviation from the document", async () => {
  const { page } = await openPage();
  await secretField(page).fill(SECRET);
  for (const s of catalog.scenarios) {
    await page.getByLabel(/Test Data/).selectOption({ label: `${s.http} - ${s.label}` });
    await sendButton(page).click();
    await answered(page);
    assert.match(await text(page, "response-status"), new RegExp(`^HTTP ${s.http} · ${s.code} `));
    assert.equal(await text(page, "deviations-summary"), "No deviation from the documentation in this answer.", s.label);
  }
});

/** A stand-in that answers every request off-document (HTTP 200), with CORS open. */
async function startOffDocument() {
  const body = JSON.stringify({ nrNumber: 1, isPending: "no", response: { code: "007_999", description: "Surprise." } })
    .replace('"nrNumber":1', '"nrNumber":12345678901234567890');
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  }).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return { url: `http://127.0.0.1:${server.address().port}/open-api`, stop: () => server.close() };
}

/** `konaplate proxy --to upstream` on a free port, allowing this page's origin. */
async function startProxy(upstream) {
  const probe = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => probe.once("listening", r));
  const port = probe.address().port;
  await new Promise((r) => probe.close(r));
  const child = spawn(process.env.KP_CLI, ["proxy", "--port", String(port), "--to", upstream, "--allow-origin", origin],
    { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => { output += d; });
  child.stderr.on("data", (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/`);
      return { url: `${base}/open-api`, stop: () => child.kill(), output: () => output };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`konaplate proxy did not start: ${output}`);
}

test("through konaplate proxy: a documented answer has no deviation, an off-document one is listed, with the proxy's header", async () => {
  const serve = await startServe({ secret: SECRET, allowOrigin: origin });
  const off = await startOffDocument();
  const good = await startProxy(`${serve.url}/open-api`);
  const bad = await startProxy(off.url);
  try {
    const { page } = await openPage();
    await secretField(page).fill(SECRET);
    await page.getByLabel("Send to").selectOption("server");
    await page.getByLabel("Server base URL").fill(good.url);
    await sendButton(page).click();
    await answered(page);
    await page.locator("#response-status").filter({ hasText: /^HTTP/ }).waitFor();
    assert.match(await text(page, "response-status"), /^HTTP 200 · 000_000/);
    assert.equal(await text(page, "deviations-summary"),
      "No deviation from the documentation in this answer. konaplate proxy reported 0 (X-Konaplate-Violations).");

    await page.getByLabel("Server base URL").fill(bad.url);
    await sendButton(page).click();
    await answered(page);
    await page.locator("#deviations-summary").filter({ hasText: /deviates/ }).waitFor();
    const summary = await text(page, "deviations-summary");
    assert.match(summary, /^This answer deviates from its documentation in \d+ place\(s\): the server's deviation/);
    assert.match(summary, /konaplate proxy reported 4 \(X-Konaplate-Violations\)/);
    const lines = (await items(page, "deviations")).map((i) => i.text);
    for (const expected of [/^error · \$\.isPending \[type\]/, /^warning · \$\.nrNumber \[unsafeNumber\]/,
      /^konaplate proxy · error · response · \$\.isPending \[type\]$/, /^konaplate proxy · warning · response · \$\.response\.code \[enum\]$/]) {
      assert.ok(lines.some((l) => expected.test(l)), `${expected} in ${lines.join("\n")}`);
    }
    assert.ok(!bad.output().includes(SECRET) && !bad.output().includes(ACCESS_KEY), "the proxy logs no key");
  } finally {
    for (const s of [good, bad, serve, off]) s.stop();
  }
});

/** What the page keeps anywhere but its memory. */
async function kept(page) {
  return page.evaluate(() => {
    const host = document.querySelector("konaplate-try-it");
    return {
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      url: location.href,
      history: String(history.length),
      text: host.shadowRoot.textContent,
    };
  });
}

const fragmentJson = (href) => Buffer.from(href.split("#r=")[1] ?? "", "base64url").toString();

test("environments switch in one step, resolve {{variables}} before signing, and keep secrets out of storage, URL and snippets", async () => {
  const { page } = await openPage();
  const entries = await page.evaluate(() => String(history.length));
  const profile = page.getByLabel("Profile", { exact: true });
  assert.equal(await profile.inputValue(), "in-browser sandbox");
  await secretField(page).fill(SECRET);

  // Variables: the body keeps {{merchantId}}, what is signed and sent has the value.
  await page.getByLabel("merchantId", { exact: true }).fill("{{merchantId}}");
  await page.getByLabel(/^Variables/).fill("merchantId=555555555555555");
  assert.ok((await page.getByLabel("Request body (JSON)").inputValue()).includes('"merchantId":"{{merchantId}}"'));
  assert.ok((await text(page, "signed-string")).includes('"merchantId":"555555555555555"'));
  await sendButton(page).click();
  await answered(page);
  // The sandbox knows no such merchant: it got the value, not the placeholder.
  assert.match(await text(page, "response-status"), /^HTTP 400 · 007_901/);
  assert.ok((await text(page, "response-body")).includes('"merchantId":"555555555555555"'));
  await page.getByLabel("Override X-KM-Correlation-Id").fill("{{nowhere}}");
  assert.match(await text(page, "unknown-variables"), /\{\{nowhere\}\}/);
  await page.getByLabel("Override X-KM-Correlation-Id").fill("");

  // One step switches target, base URL and credentials; each profile has its own secret.
  await profile.selectOption("local server");
  assert.equal(await page.getByLabel("Send to").inputValue(), "server");
  assert.equal(await page.getByLabel("Server base URL").inputValue(), "http://127.0.0.1:8787/open-api");
  assert.equal(await secretField(page).inputValue(), "");
  await profile.selectOption("KONA sandbox");
  assert.equal(await page.getByLabel("Server base URL").inputValue(), "http://127.0.0.1:8788/open-api");
  assert.equal(await page.getByLabel("ASP ID").inputValue(), "");
  await profile.selectOption("production");
  assert.match(await page.locator("fieldset.environment").textContent(), /give no production base URL/);
  await profile.selectOption("in-browser sandbox");
  assert.equal(await secretField(page).inputValue(), SECRET);
  assert.equal(await page.getByLabel("Send to").inputValue(), "in-browser");

  // Nothing but memory holds the secret; the URL names the profile, never its values.
  await page.waitForFunction(() => location.hash.startsWith("#r="));
  await page.waitForTimeout(400); // the fragment is written a moment after the last change
  await page.getByText("Show the snippet for this request").click();
  for (const language of ["curl + openssl (shell)", "Python 3", "JavaScript (Node 18+)", "Java 11+"]) {
    await page.getByLabel("Snippet language").selectOption({ label: language });
    assert.ok(!(await text(page, "snippet")).includes(SECRET), language);
  }
  const seen = await kept(page);
  for (const [where, value] of Object.entries(seen)) assert.ok(!value.includes(SECRET), `the secret is in ${where}`);
  assert.equal(seen.session, "{}", "nothing in sessionStorage without the opt-in");
  assert.equal(seen.local, "{}");
  assert.equal(seen.history, entries, "the fragment is replaced, never pushed");
  const link = JSON.parse(fragmentJson(seen.url));
  assert.equal(link.p, "in-browser sandbox");
  assert.ok(!JSON.stringify(link).includes("555555555555555"), "a variable's value is not in the URL");

  // A link opens the profile it names, without any of its values.
  await profile.selectOption("local server");
  await page.waitForFunction(() => location.hash.length > 3 && atob(location.hash.slice(3).replace(/-/g, "+").replace(/_/g, "/")).includes("local server"));
  const { page: opened } = await openPage({ path: page.url() });
  assert.equal(await opened.getByLabel("Profile", { exact: true }).inputValue(), "local server");
  assert.equal(await opened.getByLabel("Send to").inputValue(), "server");
  assert.equal(await secretField(opened).inputValue(), "");
});

test("keep for this tab: sessionStorage only, restored on reload, removed when turned off", async () => {
  const { page } = await openPage();
  await secretField(page).fill(SECRET);
  await page.getByLabel(/^Keep for this tab/).check();
  let seen = await kept(page);
  assert.ok(seen.session.includes(SECRET), "opted in: kept in sessionStorage");
  for (const where of ["local", "cookie", "url"]) assert.ok(!seen[where].includes(SECRET), `the secret is in ${where}`);
  await page.reload();
  await page.locator("konaplate-try-it[data-ready=true]").waitFor();
  assert.equal(await secretField(page).inputValue(), SECRET, "restored in the same tab");
  assert.equal(await page.getByLabel(/^Keep for this tab/).isChecked(), true);
  await page.getByLabel(/^Keep for this tab/).uncheck();
  seen = await kept(page);
  assert.equal(seen.session, "{}", "turned off: removed");
  assert.ok(!seen.local.includes(SECRET));
});

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

test("profiles export to a file without keys, and import back; a wrong file is refused naming the field", async () => {
  const { page } = await openPage();
  await secretField(page).fill(SECRET);
  await page.getByLabel("Profile", { exact: true }).selectOption("local server");
  await page.getByLabel("Server base URL").fill("http://127.0.0.1:9999/open-api");
  const file = await download(page, "Export profiles (no keys)");
  assert.equal(file.name, "konaplate-profiles.json");
  assert.ok(!file.text.includes(SECRET) && !file.text.includes(ACCESS_KEY), file.text);
  const exported = JSON.parse(file.text);
  assert.deepEqual(exported.profiles.map((p) => p.name), ["in-browser sandbox", "local server", "KONA sandbox", "production"]);
  assert.equal(exported.profiles[1].baseUrl, "http://127.0.0.1:9999/open-api");

  exported.profiles.push({ name: "staging", target: "server", baseUrl: "https://staging.example/open-api", aspId: "ASP-S", variables: "merchantId=1" });
  const input = page.getByLabel("Import profiles");
  await input.setInputFiles({ name: "p.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported)) });
  await page.locator("#profiles-notice").filter({ hasText: /^Imported 5 profile/ }).waitFor();
  await page.getByLabel("Profile", { exact: true }).selectOption("staging");
  assert.equal(await page.getByLabel("Server base URL").inputValue(), "https://staging.example/open-api");
  assert.equal(await page.getByLabel("ASP ID").inputValue(), "ASP-S");
  await input.setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"profiles":[{"name":"x","target":"moon"}]}') });
  await page.locator("#profiles-notice").filter({ hasText: /^Not imported/ }).waitFor();
  assert.match(await text(page, "profiles-notice"), /profiles\[0\]\.target: must be one of in-browser, server, proxy/);
});

test("the history exports as HAR 1.2 (checked with har-schema and ajv): keys redacted, the tran-token kept", async () => {
  const { page } = await openPage();
  await secretField(page).fill(SECRET);
  for (const s of catalog.scenarios.slice(0, 3)) {
    await page.getByLabel(/Test Data/).selectOption({ label: `${s.http} - ${s.label}` });
    await sendButton(page).click();
    await answered(page);
  }
  const file = await download(page, "Export history as HAR (keys redacted)");
  assert.equal(file.name, "konaplate-history.har");
  assert.ok(!file.text.includes(SECRET), "the secret is in the HAR");
  assert.ok(!file.text.includes(ACCESS_KEY), "the access key is in the HAR");
  const har = JSON.parse(file.text);

  const Ajv = require("ajv").default;
  const schemas = require("har-schema");
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-06.json"));
  ajv.addFormat("date-time", (s) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat("ipv4", isIPv4);
  ajv.addFormat("ipv6", isIPv6);
  ajv.addFormat("uri", (s) => { try { return Boolean(new URL(s)); } catch { return false; } });
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const validate = ajv.getSchema("har.json#");
  assert.ok(validate(har), JSON.stringify(validate.errors, null, 1));
  // The validator is not a rubber stamp: a HAR without its entries' requests fails it.
  assert.equal(validate({ log: { ...har.log, entries: [{ ...har.log.entries[0], request: undefined }] } }), false);

  assert.equal(har.log.version, "1.2");
  assert.equal(har.log.entries.length, 3);
  for (const entry of har.log.entries) {
    const headers = Object.fromEntries(entry.request.headers.map((h) => [h.name, h.value]));
    assert.equal(headers["X-KM-Access-Key"], "[redacted: 40 characters]");
    assert.match(headers["X-KM-Tran-Token"], /^KMV1:\d{17}:[A-Za-z0-9+/]{43}=$/);
    assert.ok(entry.request.url.startsWith("https://in-browser-sandbox.invalid/open-api/api/"), entry.request.url);
  }
  assert.equal(har.log.entries[0].response.status, catalog.scenarios[0].http);
});
