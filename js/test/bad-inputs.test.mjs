// The bad-input table (testdata/bad-inputs.json, shared with the CLI, server and page tests)
// through the built package: each JS row's violations (rule, location, EN and KO message), or
// the Error it throws, and after every row a valid call proves the Wasm instance still works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { validate, buildRequest, signBody, verifyTranToken } from "konaplate";

const table = JSON.parse(readFileSync(new URL("../../testdata/bad-inputs.json", import.meta.url), "utf8"));
const { secret, signing } = table;
const credentials = { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: secret };
const random = signing.randomHex.match(/../g).map((h) => parseInt(h, 16));
const validBody = '{"sequenceId":"JS-OK","userId":1234567890123456789,"amount":1,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}';

const text = (spec) => (typeof spec === "string" ? spec : spec.concat.map(([t, n]) => t.repeat(n)).join(""));

/** The row's body as the JS package receives it: text, or a JS value for `jsObject` rows. */
function body(spec) {
  if (typeof spec === "string" || spec.concat) return text(spec);
  if (spec.jsObject) return JSON.parse(spec.jsObject);
  const pairs = table.bases[spec.base].map(([n, v]) => [n, v]);
  for (const [name, raw] of Object.entries(spec.set ?? {})) {
    const pair = pairs.find(([n]) => n === name);
    if (pair) pair[1] = raw;
    else pairs.push([name, raw]);
  }
  const kept = pairs.filter(([n]) => !(spec.remove ?? []).includes(n)).concat(spec.add ?? []);
  const out = "{" + kept.map(([n, raw]) => JSON.stringify(n) + ":" + raw).join(",") + "}";
  return spec.loneSurrogateAt ? out.replace(spec.loneSurrogateAt, "\ud800") : out;
}

function transformToken(token, how) {
  const i = token.lastIndexOf(":");
  const [prefix, mac] = [token.slice(0, i), token.slice(i + 1)];
  switch (how) {
    case "urlSafe": return `${prefix}:${mac.replaceAll("+", "-").replaceAll("/", "_")}`;
    case "unpadded": return `${prefix}:${mac.replace(/=+$/, "")}`;
    case "kmv2": return token.replace("KMV1", "KMV2");
    case "time16": return `${prefix.slice(0, -1)}:${mac}`;
    case "lowerCase": return token.toLowerCase();
    default: throw new Error(`unknown token transform ${how}`);
  }
}

/** Valid headers for the fixed signing time over `signed`, changed as the row says (same order as the Rust test). */
function headers(spec, signed) {
  const epochMs = signing.epochMs + (spec.signedAtOffsetMs ?? 0);
  const fields = { sequenceId: "H", userId: "1", amount: 1, oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" };
  const built = buildRequest({ endpoint: "charge", fields, credentials, epochMs, random, timeZone: signing.zone });
  let pairs = Object.entries(built.headers);
  const token = signBody(signed, spec.signedWithSecret ?? secret, epochMs, signing.zone);
  const find = (name) => pairs.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
  const i = find("X-KM-Tran-Token");
  pairs[i][1] = spec.token ? transformToken(token, spec.token) : token;
  if (spec.token) assert.notEqual(pairs[i][1], token, `the token transform ${spec.token} changed nothing`);
  for (const [name, renamed] of Object.entries(spec.rename ?? {})) pairs[find(name)][0] = renamed;
  if (spec.case === "lower") pairs = pairs.map(([n, v]) => [n.toLowerCase(), v]);
  if (spec.case === "upper") pairs = pairs.map(([n, v]) => [n.toUpperCase(), v]);
  for (const [name, value] of Object.entries(spec.set ?? {})) {
    const i = find(name);
    if (i >= 0) pairs[i][1] = text(value);
    else pairs.push([name, text(value)]);
  }
  const removed = (spec.remove ?? []).map((n) => n.toLowerCase());
  pairs = pairs.filter(([n]) => !removed.includes(n.toLowerCase()));
  for (const name of spec.repeat ?? []) pairs.push([...pairs[find(name)]]);
  for (const [name, value] of spec.add ?? []) pairs.push([name, text(value)]);
  return pairs;
}

const located = (violations, severity) =>
  violations.filter((v) => v.severity === severity).map((v) => `${v.location} ${v.rule}`).sort();

/** A message names its field (or the body) in English and in Korean. */
function namesTheField(v) {
  const hangul = /[가-힣]/.test(v.message.ko);
  if (v.location === "$") return hangul && /body/.test(v.message.en) && /본문/.test(v.message.ko);
  const field = v.location.split(/[.$]/).pop();
  return hangul && v.message.en.includes(field) && v.message.ko.includes(field);
}

const rows = table.rows.filter((r) => r.surfaces.includes("js"));

test("the table has at least 100 bad inputs for the JS package", () => {
  assert.ok(rows.filter((r) => !r.accepted).length >= 100, "the JS table shrank");
});

for (const row of rows) {
  test(`${row.id}: ${row.what}`, () => {
    const sent = body(row.body);
    const spec = row.headers ?? {};
    // What the headers sign: a JS value or a text no signer accepts (a lone surrogate) signs "".
    const signable = typeof sent === "string" && !row.body.loneSurrogateAt ? sent : "";
    const signedText = spec.signedBody ? body(spec.signedBody) : signable;
    const pairs = headers(spec, signedText);
    if (row.js?.throws) {
      assert.throws(() => validate(row.endpoint, pairs, sent), (e) => e instanceof Error && e.message.includes(row.js.throws), row.id);
    } else {
      const report = validate(row.endpoint, pairs, sent);
      // The package's validate() has no secret: a signature row is checked with verifyTranToken.
      const expected = row.errors.filter(([, rule]) => rule !== "signature").map(([l, r]) => `${l} ${r}`).sort();
      assert.deepEqual(located(report.violations, "error"), expected, row.id);
      const warnings = located(report.violations, "warning");
      for (const [l, r] of row.warnings ?? []) assert.ok(warnings.includes(`${l} ${r}`), `${row.id}: warning ${l} ${r}`);
      for (const v of report.violations.filter((v) => v.severity === "error")) {
        assert.ok(namesTheField(v), `${row.id}: ${v.location} not named in ${JSON.stringify(v.message)}`);
      }
      if (row.errors.some(([, rule]) => rule === "signature")) {
        const token = pairs.find(([n]) => n.toLowerCase() === "x-km-tran-token")[1];
        const check = verifyTranToken(token, sent, secret);
        assert.equal(check.ok, false, row.id);
        assert.match(check.reason.en, /HMAC/, row.id);
        assert.match(check.reason.ko, /일치하지 않습니다/, row.id);
      }
      assert.equal(report.errorCount, expected.length, row.id);
    }
    // The same instance answers a valid request exactly after every bad one.
    assert.equal(validate("charge", null, validBody).errorCount, 0, `instance broken after ${row.id}`);
  });
}
