// Message encryption in the Try It page, by visible labels: the encryption module is fetched
// only when an Encrypted operation is picked; the flow one-time token (encrypted) → charge →
// result inquiry → cancel runs in the in-browser sandbox and against a real `konaplate serve`
// (both enforce encryption with the published test keys); an encData response is shown decrypted
// (by the module, before the exchange), or the page says why not (wrong key, tampered); no key
// material is left anywhere afterwards.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { constants, createCipheriv, publicEncrypt, randomBytes } from "node:crypto";
import { launch } from "./chromium.mjs";
import { startServe } from "./servers.mjs";

const url = process.env.KP_URL;
const origin = new URL(url).origin;
const SECRET = "e2e-secret-must-stay-in-memory-4417";
const keys = new URL("../testdata/keys/", import.meta.url);
const CLIENT_PRIVATE = readFileSync(new URL("client-private.pem", keys), "utf8");
const CLIENT_PUBLIC = readFileSync(new URL("client-public.pem", keys), "utf8");
const SERVER_PUBLIC = readFileSync(new URL("server-public.pem", keys), "utf8");
// A line from the middle of the private key: what must never leak.
const PRIVATE_LINE = CLIENT_PRIVATE.split("\n")[5];
const MEMBER = "1234567890123456789"; // the sandbox's success member,
const CARD = "9410123456789012"; //          and its card (the one-time token API's input)
let browser;

before(async () => { browser = await launch(); });
after(async () => browser?.close());

async function openPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [], logs = [], fetched = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => logs.push(m.text()));
  page.on("request", (r) => fetched.push(r.url()));
  await page.goto(url);
  await page.locator("konaplate-try-it[data-ready=true]").first().waitFor();
  return { page, errors, logs, fetched };
}

const text = (page, id) => page.locator(`#${id}`).first().textContent();
const send = (page) => page.getByRole("button", { name: /^Send to/ }).click();

/** The response status line once it matches `pattern` (or, after 10 s, whatever it says, with
 *  the validation summary, so a failed assertion shows why). */
async function answered(page, pattern) {
  try {
    await page.locator("#response-status").filter({ hasText: pattern }).waitFor({ timeout: 10_000 });
  } catch {
    return `${await text(page, "response-status")} / ${await text(page, "summary")} / ${await text(page, "violations")}`;
  }
  return text(page, "response-status");
}

/** The response body (the first pretty-printed JSON object after the response headers). */
async function responseJson(page) {
  const shown = await text(page, "response-body");
  const start = shown.indexOf("\n{");
  const end = shown.indexOf("\n}", start);
  return JSON.parse(shown.slice(start + 1, end + 2));
}

/** One-time token (encrypted) → charge → result inquiry → cancel, each answered 000_000. */
async function encryptedFlow(page, where) {
  await page.getByLabel("Endpoint").selectOption("one-time-token");
  await page.locator("#crypto-status").filter({ hasText: "Encryption module loaded" }).first()
    .or(page.locator("#crypto-status").filter({ hasText: "No server key" }).first()).waitFor();
  await send(page);
  assert.match(await answered(page, /^HTTP/), /^HTTP 400 · 000_911 /, `${where}: a plain body is refused`);

  await page.getByRole("button", { name: "Use the sandbox test keys" }).click();
  assert.match(await text(page, "crypto-status"), /The body is encrypted .*Client key: RSA 2048/);
  const wire = await text(page, "wire-body");
  assert.match(wire, /^\{"encData":"eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4R0NNIn0\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+"\}$/);
  assert.ok((await text(page, "signed-string")).endsWith(wire), "the HMAC covers the wrapper");
  assert.ok(await page.locator("#hmac-covers").isVisible());
  await send(page);
  assert.match(await answered(page, /^HTTP 200/), /^HTTP 200 · 000_000 /, `${where}: one-time token`);
  assert.ok((await text(page, "response-body")).includes('"encData":"eyJ'), "the wrapper as sent, in the exchange");
  assert.match(await text(page, "response-decrypted"), /^── Request plaintext \(sent encrypted\) ──\n\{\n  "cardNo"/, "its plaintext, before it");
  const { oneTimeToken, dcvv } = await responseJson(page);
  assert.match(oneTimeToken, /^\d{16}$/);

  await page.getByLabel("Endpoint").selectOption("charge");
  await page.getByLabel("oneTimeToken", { exact: true }).fill(oneTimeToken);
  await page.getByLabel("dcvv", { exact: true }).fill(dcvv);
  const sequenceId = `SEQ-${where.slice(0, 5)}-${Date.now()}`;
  await page.getByLabel("sequenceId", { exact: true }).fill(sequenceId);
  await send(page);
  assert.match(await answered(page, /^HTTP 200/), /^HTTP 200 · 000_000 /, `${where}: charge`);
  const { nrNumber } = await responseJson(page);

  // The charge's body was typed, so it stays when the endpoint changes: write each body (a
  // cancel is a new transaction: its own sequenceId and token, the charge named by nrNumber).
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  const step = async (endpoint, body) => {
    await page.getByLabel("Endpoint").selectOption(endpoint);
    await page.getByLabel("Request body (JSON)").fill(JSON.stringify(body).replace('"USER"', MEMBER));
    await send(page);
    const status = await answered(page, /^HTTP 200/);
    assert.match(status, /^HTTP 200 · 000_000 /, `${where}: ${endpoint}: ${await text(page, "response-body")}`);
    return responseJson(page);
  };
  await step("result-inquiry", { sequenceId });
  // The charge used its token: the cancel takes a fresh one (encrypted again).
  const fresh = await step("one-time-token", { cardNo: CARD });
  assert.notEqual(fresh.oneTimeToken, oneTimeToken);
  await step("cancel", { sequenceId: `${sequenceId}-C`, userId: "USER", nrNumber, oneTimeToken: fresh.oneTimeToken, dcvv: fresh.dcvv });
}

test("the encrypted flow in the in-browser sandbox, with the encryption module loaded only on demand", async () => {
  const { page, errors, fetched } = await openPage();
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  assert.ok(!fetched.some((u) => u.includes("konaplate-console-crypto")), "not part of the first load");
  await encryptedFlow(page, "in-browser");
  assert.ok(fetched.some((u) => u.endsWith("konaplate-console-crypto_bg.wasm")), "loaded once picked");
  assert.match(await text(page, "crypto-status"), /Client key: RSA 2048/);
  assert.match(await page.locator(".crypto .hint").nth(1).textContent(),
    /server key id 6b6f6e61706c6174652d736572766572, client key id 6b6f6e61706c6174652d636c69656e74/);
  assert.deepEqual(errors, []);
});

test("the encrypted flow against konaplate serve with its default test keys", async () => {
  const serve = await startServe({ secret: SECRET, allowOrigin: origin });
  try {
    const { page, errors } = await openPage();
    await page.getByLabel("Secret key (memory only)").fill(SECRET);
    await page.getByLabel("Send to").selectOption("server");
    await page.getByLabel("Server base URL").fill(`${serve.url}/open-api`);
    await encryptedFlow(page, "serve");
    assert.deepEqual(errors, []);
  } finally {
    serve.stop();
  }
});

/** A compact JWE (RSA-OAEP-256 + A128GCM) by Node's crypto: an implementation independent of ours. */
function jwe(plaintext, publicPem) {
  const header = Buffer.from('{"alg":"RSA-OAEP-256","enc":"A128GCM"}').toString("base64url");
  const cek = randomBytes(16), iv = randomBytes(12);
  const key = publicEncrypt({ key: publicPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, cek);
  const cipher = createCipheriv("aes-128-gcm", cek, iv).setAAD(Buffer.from(header));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [header, key, iv, ciphertext, cipher.getAuthTag()].map((p, i) => (i ? p.toString("base64url") : p)).join(".");
}

test("an encData response is shown decrypted with the client key, its ciphertext in the exchange as it came; wrong key and tampering are named", async () => {
  const plaintext = '{"nrNumber":"NR-E2E","isPending":false,"response":{"code":"000_000","description":"Success."}}';
  const good = jwe(plaintext, CLIENT_PUBLIC);
  const parts = good.split(".");
  parts[4] = (parts[4][0] === "A" ? "B" : "A") + parts[4].slice(1);
  const answers = [good, jwe(plaintext, SERVER_PUBLIC), parts.join(".")];
  const server = createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Headers", "*");
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ encData: answers.shift() }));
  }).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  try {
    const { page, errors, logs } = await openPage();
    await page.getByLabel("Secret key (memory only)").fill(SECRET);
    await page.getByLabel("Send to").selectOption("server");
    await page.getByLabel("Server base URL").fill(`http://127.0.0.1:${server.address().port}/open-api`);
    await send(page);
    await answered(page, /^HTTP 200/);
    // The charge is not Encrypted: the answer's encData is what loads the module and shows the panel.
    await page.getByLabel("Client private key (PEM, decrypts responses)").fill(CLIENT_PRIVATE);
    await page.locator("#response-decrypted").filter({ hasText: "NR-E2E" }).waitFor();
    assert.match(await text(page, "response-decrypted"), /^── Response \(decrypted from encData\) ──\n\{\n  "nrNumber": "NR-E2E",/);
    assert.ok((await text(page, "response-body")).includes(`"encData": "${good}"`), "the ciphertext, in the exchange");
    assert.ok(await page.locator("#decrypt-note").isHidden());

    await send(page);
    await page.locator("#decrypt-note").filter({ hasText: "wrong key" }).waitFor();
    assert.match(await text(page, "decrypt-note"), /^Could not decrypt the response \(wrong key\): /);
    assert.ok(await page.locator("#response-decrypted").isHidden(), "nothing decrypted shown");
    await send(page);
    await page.locator("#decrypt-note").filter({ hasText: "tampered" }).waitFor();
    await page.getByLabel("Language / 언어").selectOption("ko");
    assert.match(await text(page, "decrypt-note"), /^응답을 복호화하지 못했습니다 \(변조됨\): /);
    await page.getByLabel("Language / 언어").selectOption("en");

    // No key material anywhere but the key field's value.
    const seen = await page.evaluate(async () => {
      const host = document.querySelector("konaplate-try-it");
      return {
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        cookie: document.cookie,
        url: location.href,
        idb: JSON.stringify(await indexedDB.databases()),
        text: document.body.innerText + host.shadowRoot.textContent,
        attributes: [...host.shadowRoot.querySelectorAll("*")].flatMap((e) => [...e.attributes].map((a) => a.value)).join(" "),
      };
    });
    seen.logs = logs.join("\n");
    seen.cookies = JSON.stringify(await page.context().cookies());
    for (const [where, value] of Object.entries(seen)) {
      assert.ok(!value.includes(PRIVATE_LINE) && !value.includes("PRIVATE KEY"), `key material in ${where}`);
    }
    await page.getByRole("button", { name: "Clear credentials" }).click();
    assert.equal(await page.getByLabel("Client private key (PEM, decrypts responses)").inputValue(), "");
    assert.deepEqual(errors, []);
  } finally {
    server.close();
  }
});

test("axe-core finds no serious or critical violation with the encryption panel and a sealed body shown", async () => {
  const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  // bypassCSP: axe is injected by the test, which the page's CSP would rightly refuse.
  const { page } = await openPage({ bypassCSP: true });
  await page.getByLabel("Secret key (memory only)").fill(SECRET);
  await page.getByLabel("Endpoint").selectOption("one-time-token");
  await page.getByRole("button", { name: "Use the sandbox test keys" }).click();
  await page.locator("#wire-body").filter({ hasText: "encData" }).waitFor();
  await send(page);
  await answered(page, /^HTTP 200/);
  await page.addScriptTag({ content: axe });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
});

test("two consoles in plain <div>s each get their own encryption panel, keys and ids from the one module; a key read from a file; the panel in Korean", async () => {
  const { page, errors, fetched } = await openPage();
  await page.evaluate(async () => {
    const { mount, ready } = await import("./konaplate-try-it.js");
    await ready;
    for (const id of ["one", "two"]) {
      const div = document.createElement("div");
      div.id = id;
      document.body.append(div);
      mount(div, { endpoint: "one-time-token" });
    }
  });
  const one = page.locator("#one");
  const two = page.locator("#two");
  const status = (console) => console.locator("[id$=crypto-status]").textContent();
  for (const console of [one, two]) {
    await console.locator("[id$=crypto-status]").filter({ hasText: "No server key" }).waitFor();
  }
  const ids = await page.evaluate(() => [...document.querySelectorAll("#one [id], #two [id]")].map((e) => e.id));
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], "duplicate ids");
  assert.equal(fetched.filter((u) => u.endsWith("konaplate-console-crypto_bg.wasm")).length, 1, "one module for every console");

  await one.getByRole("button", { name: "Use the sandbox test keys" }).click();
  assert.match(await status(one), /^The body is encrypted .*Client key: RSA 2048\.$/);
  assert.match(await status(two), /^No server key/, "the other console's keys are its own");
  assert.equal(await two.getByLabel("Server public key or certificate (PEM)").inputValue(), "");

  await two.getByLabel("Server key from a file").setInputFiles({ name: "server.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(SERVER_PUBLIC) });
  await two.locator("[id$=crypto-status]").filter({ hasText: "The body is encrypted" }).waitFor();
  assert.equal(await two.getByLabel("Server public key or certificate (PEM)").inputValue(), SERVER_PUBLIC, "the file's text in the field");
  assert.match(await two.locator("[id$=wire-body]").textContent(), /^\{"encData":"eyJ/);
  await two.getByLabel("Server public key or certificate (PEM)").fill("not a key");
  assert.match(await status(two), /^Not encrypted \(key\): /);

  await two.getByLabel("Language / 언어").selectOption("ko");
  assert.match(await status(two), /^암호화하지 못했습니다 \(키\): /);
  assert.ok(await two.getByLabel("서버 공개 키 또는 인증서 (PEM)").isVisible(), "the panel's labels follow the language");
  assert.match(await two.locator(".crypto legend").textContent(), /^메시지 암호화/);
  assert.match(await status(one), /^The body is encrypted/, "the first console stays in English");
  assert.deepEqual(errors, []);
});
