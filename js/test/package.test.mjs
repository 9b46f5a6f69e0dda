// The built package (pkg/), imported by its name as a user would (js/node_modules/konaplate
// links to it; scripts/test.d/30-js-package.sh builds it first).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import * as main from "konaplate";
import * as document from "konaplate/document";
import { validate, buildRequest, signBody, verifyTranToken, version } from "konaplate";
import { describeCode, catalog } from "konaplate/document";

const SECRET = "js-test-secret";
const credentials = { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: SECRET };
const fields = {
  sequenceId: "JS-1", userId: "9999999999999999999", amount: 10000,
  oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345",
};
const good = () => buildRequest({ endpoint: "charge", fields, credentials, epochMs: 1667876894608, random: [1, 2, 3, 4] });

test("the README examples run as written and print what they say", () => {
  const readme = readFileSync(new URL("../node_modules/konaplate/README.md", import.meta.url), "utf8");
  const [first, second] = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const dir = mkdtempSync(join(new URL("..", import.meta.url).pathname, ".readme-"));
  const run = (code) => {
    writeFileSync(join(dir, "example.mjs"), code);
    return execFileSync("node", [join(dir, "example.mjs")], { encoding: "utf8" }).trim().split("\n");
  };
  assert.deepEqual(run(first), ["true", "0", "true"]);
  assert.deepEqual(run(second), ["A request with the same sequenceId was already made.", "1", "true"]);
});

test("the main entry is the lean one; konaplate/document has the same functions and more", () => {
  const lean = ["buildRequest", "signBody", "validate", "verifyTranToken", "version"];
  assert.deepEqual(Object.keys(main).sort(), lean);
  assert.deepEqual(Object.keys(document).sort(), [...lean, "catalog", "describeCode", "load"].sort());
  // The same Rust code in two modules: the same answers.
  const r = good();
  assert.equal(document.buildRequest({ endpoint: "charge", fields, credentials, epochMs: 1667876894608, random: [1, 2, 3, 4] }).body, r.body);
  assert.deepEqual(document.validate("charge", r.headers, r.body.replace('"dcvv":"123"', '"dcvv":"12"')), validate("charge", r.headers, r.body.replace('"dcvv":"123"', '"dcvv":"12"')));
  assert.equal(document.signBody(r.body, SECRET, 1667876894608, "KST"), signBody(r.body, SECRET, 1667876894608, "KST"));
});

test("a 19-digit userId reaches the exact body text, from a string or a BigInt", () => {
  for (const userId of ["9999999999999999999", 9999999999999999999n]) {
    const r = buildRequest({ endpoint: "charge", fields: { ...fields, userId }, credentials, epochMs: 1667876894608, random: [1, 2, 3, 4] });
    assert.equal(r.ok, true);
    assert.ok(r.body.includes('"userId":9999999999999999999,'), r.body);
  }
});

test("the tran-token equals HMAC-SHA256 computed with node:crypto", () => {
  const r = good();
  const mac = createHmac("sha256", SECRET).update(r.body).digest("base64");
  assert.equal(r.headers["X-KM-Tran-Token"], `KMV1:20221108120814608:${mac}`);
  assert.equal(r.headers["X-KM-Tran-Token"].length, 67);
  assert.equal(signBody(r.body, SECRET, 1667876894608, "KST"), r.headers["X-KM-Tran-Token"]);
  assert.deepEqual(verifyTranToken(r.headers["X-KM-Tran-Token"], r.body, SECRET), { ok: true, time: "20221108120814608" });
  const bad = verifyTranToken(r.headers["X-KM-Tran-Token"], r.body.replace("10000", "10001"), SECRET);
  assert.equal(bad.ok, false);
  assert.match(bad.reason.ko, /일치하지 않습니다/);
});

test("an unsafe JS number is a violation that says so; nothing rounded is signed", () => {
  const r = buildRequest({ endpoint: "charge", fields: { ...fields, userId: 9999999999999999999 }, credentials });
  assert.equal(r.ok, false);
  assert.equal(r.violations[0].rule, "unsafeNumber");
  assert.match(r.violations[0].message.en, /string of digits or a BigInt/);
  const v = validate("charge", null, { ...fields, userId: 12345678901234567890 });
  assert.ok(v.violations.some((x) => x.rule === "unsafeNumber" && x.location === "$.userId"));
});

test("validate returns findings as data, with Korean messages", () => {
  const r = good();
  assert.equal(validate("charge", r.headers, r.body).errorCount, 0);
  const report = validate("charge", Object.entries(r.headers), r.body.replace('"dcvv":"123"', '"dcvv":"12"'));
  assert.equal(report.errorCount, 1);
  assert.equal(report.violations[0].location, "$.dcvv");
  assert.match(report.violations[0].message.ko, /정확히 3자/);
  assert.equal(validate("charge", undefined, "{").violations[0].rule, "jsonSyntax");
  assert.equal(describeCode("007_901").provenance, "ours");
  assert.equal(describeCode("nope"), undefined);
  assert.equal(catalog().scenarios.length, 13);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});

test("bad arguments throw a clear Error or give a violation, and the module keeps working", () => {
  const cyclic = { ...fields }; cyclic.self = cyclic;
  const deep = JSON.parse("[".repeat(200) + "]".repeat(200));
  const calls = [
    () => validate(undefined, null, "{}"),
    () => validate("nope", null, "{}"),
    () => validate("charge", null, undefined),
    () => validate("charge", null, null),
    () => validate("charge", 42, "{}"),
    () => validate("charge", [["X-KM-Time-Zone"]], "{}"),
    () => validate("charge", null, { userId: Symbol("x") }),
    () => validate("charge", null, { userId: () => 1 }),
    () => validate("charge", null, cyclic),
    () => validate("charge", null, deep),
    () => validate("charge", null, "\ud800"),
    () => validate("charge", null, { sequenceId: "a\udc00" }),
    () => validate("charge", null, "x".repeat(5 * 1024 * 1024)),
    () => buildRequest(undefined),
    () => buildRequest([]),
    () => buildRequest({ endpoint: "charge", fields: [], credentials }),
    () => buildRequest({ endpoint: "charge", fields, credentials: {} }),
    () => buildRequest({ endpoint: "charge", fields, credentials, epochMs: 1.5 }),
    () => buildRequest({ endpoint: "charge", fields, credentials, random: [1, 2] }),
    () => buildRequest({ endpoint: "charge", fields, credentials, timeZone: "JST" }),
    () => buildRequest({ endpoint: "charge", fields: { ...fields, userId: NaN }, credentials }),
    () => signBody("{}", SECRET, -1),
    () => verifyTranToken("KMV1:x", "{}", SECRET),
  ];
  for (const [i, call] of calls.entries()) {
    let outcome;
    try {
      outcome = call();
    } catch (e) {
      assert.ok(e instanceof Error, `call ${i} threw a non-Error`);
      assert.match(e.message, /^konaplate: /, `call ${i}: ${e.message}`);
      assert.ok(!e.message.includes(SECRET), `call ${i} leaked the secret`);
      outcome = "threw";
    }
    if (outcome !== "threw") {
      const found = outcome?.violations?.length > 0 || outcome?.ok === false;
      assert.ok(found, `call ${i} neither threw nor reported: ${JSON.stringify(outcome)}`);
    }
    // The instance still works after every bad call.
    assert.equal(good().ok, true, `module broken after call ${i}`);
  }
});

test("values whose reading throws (getters, Proxy traps, revoked Proxies, iterators) give our Error, thousands of times", () => {
  // Found by js/fuzz/boundary.mjs: before, such an exception unwound through the Wasm frames,
  // leaking the Wasm stack; about 2,000 of them later the instance trapped ("memory access out of bounds").
  const thrower = () => { throw new Error("hostile"); };
  const hostile = [
    () => ({ ...fields, get userId() { throw new Error("getter"); } }),
    () => new Proxy({}, { ownKeys: thrower }),
    () => { const r = Proxy.revocable([], {}); r.revoke(); return r.proxy; },
    () => { const a = [1, 2, 3, 4]; a[Symbol.iterator] = thrower; return a; },
  ];
  const calls = [
    (h) => validate("charge", null, h),
    (h) => validate("charge", h, "{}"),
    (h) => buildRequest({ endpoint: "charge", fields: h, credentials }),
    (h) => buildRequest({ endpoint: "charge", fields, credentials, random: h }),
    (h) => buildRequest(new Proxy({}, { get: thrower })),
  ];
  for (let i = 0; i < 5000; i++) {
    const make = hostile[i % hostile.length];
    const call = calls[Math.floor(i / hostile.length) % calls.length];
    assert.throws(() => call(make()), (e) => e instanceof Error && e.message.startsWith("konaplate: "), `round ${i}`);
  }
  assert.equal(good().ok, true);
  assert.equal(validate("charge", null, good().body).errorCount, 0);
});
