// js/package/boundary.js's text paths against its general paths, on one instance of the built
// module: the package's validate and signBody take the module's text paths (validateText;
// signText unchecked) for the common call, and the general paths (validateRequest; signText
// checked) otherwise. For every input here both routes must give the same report, token or
// thrown message, and each call must take the route it should.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { catalog } from "konaplate/document";
import { rowsFor, body as rowBody } from "../../testdata/bad-inputs.mjs";

const packaged = (file) => new URL(`../node_modules/konaplate/${file}`, import.meta.url);
// The module node.js loads: the Node build, or (30-js-package.sh's second run) the browser build.
const glue = existsSync(packaged("konaplate_node.js")) ? "konaplate_node" : "konaplate";
const wasm = await import(packaged(`${glue}.js`).href);
wasm.initSync({ module: readFileSync(packaged(`${glue}_bg.wasm`)) });
const { boundary } = await import(packaged("boundary.js").href);

// The module with every call counted, so a test can say which route answered: validateRequest
// and signText unchecked (the text paths: "validateText", "signText") or checked (the general
// paths: "validateRequest", "signChecked").
const calls = {};
const count = (name) => (calls[name] = (calls[name] ?? 0) + 1);
const counted = {
  ...wasm,
  validateRequest: (...args) => (count(args[5] ? "validateRequest" : "validateText"), wasm.validateRequest(...args)),
  signText: (...args) => (count(args[4] ? "signChecked" : "signText"), wasm.signText(...args)),
};
const paths = boundary(counted);
// The general paths, which every call but the common one takes.
const general = {
  validate: (endpoint, headers, body) => paths.validateIn(undefined, endpoint, headers, body),
  signBody: paths.signChecked,
};

/** What `fn` returns, or the message it throws. */
const outcome = (fn) => {
  try {
    return { value: fn() };
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error: ${e}`);
    return { threw: e.message };
  }
};

/** Which exports answered `fn`'s calls. */
const routeOf = (fn) => {
  for (const name of Object.keys(calls)) delete calls[name];
  fn();
  return Object.keys(calls).sort().join(" ");
};

const seed = '{"sequenceId":"TP-1","userId":1234567890123456789,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}';
const endpointIds = catalog().endpoints.map((e) => e.id);

// [endpoint, body]: the JS rows of the bad-input table whose body is text, each built-in
// operation with the seed and with an empty object, and texts at the edges of the text path.
const validateCases = [
  ...rowsFor("js").filter((r) => typeof rowBody(r.body) === "string").map((r) => [r.endpoint, rowBody(r.body)]),
  ...endpointIds.flatMap((id) => [[id, seed], [id, "{}"]]),
  ["charge", '{"sequenceId":"\ufffd"}'], // a real U+FFFD: valid text, the general export decides
  ["charge", '{"sequenceId":"\ud800"}'], // a lone surrogate
  ["\ud800", seed],
  ["no-such-operation", seed],
  ["charge", ""],
  ["charge", "[1,2"],
  ["charge", "x".repeat(4 * 1024 * 1024 + 1)], // over the limit in UTF-16 units: never copied in
  ["charge", "가".repeat(1_500_000)], // under it in units, over it in UTF-8 bytes
];

test("validate: the text path and the general path agree on every input", () => {
  assert.ok(validateCases.length > 60, "the cases shrank");
  for (const [endpoint, body] of validateCases) {
    const label = `${endpoint.slice(0, 20)} ${body.slice(0, 60)}`;
    assert.deepEqual(outcome(() => paths.validate(endpoint, null, body)), outcome(() => general.validate(endpoint, null, body)), label);
    assert.deepEqual(outcome(() => paths.validate(endpoint, undefined, body)), outcome(() => general.validate(endpoint, undefined, body)), label);
  }
});

test("validate: the common call takes the text path, and a clean report is the general path's", () => {
  assert.equal(routeOf(() => paths.validate("charge", null, seed)), "validateText");
  assert.equal(routeOf(() => paths.validate("charge", null, "{}")), "validateText");
  const clean = paths.validate("charge", null, seed);
  assert.deepEqual(clean, general.validate("charge", null, seed));
  assert.deepEqual(Object.keys(clean), Object.keys(general.validate("charge", null, seed)), "the same key order");
  assert.notEqual(paths.validate("charge", null, seed), clean, "a fresh report each call");
  // U+FFFD goes on to the general path: refused there when it was a lone surrogate, validated
  // when it is a real U+FFFD.
  assert.equal(routeOf(() => outcome(() => paths.validate("charge", null, '{"sequenceId":"\ud800"}'))), "validateText");
  assert.match(outcome(() => paths.validate("charge", null, '{"sequenceId":"\ud800"}')).threw, /lone surrogate/);
  assert.equal(routeOf(() => paths.validate("charge", null, '{"sequenceId":"\ufffd"}')), "validateRequest validateText");
  // Anything but (string, null/undefined, string) takes the general path only.
  for (const args of [["charge", {}, seed], ["charge", [], seed], ["charge", null, JSON.parse(seed)]]) {
    assert.equal(routeOf(() => outcome(() => paths.validate(...args))), "validateRequest", JSON.stringify(args).slice(0, 60));
  }
  // A text over the limit is refused before it is copied into the module.
  assert.equal(routeOf(() => outcome(() => paths.validate("charge", null, "x".repeat(4 * 1024 * 1024 + 1)))), "");
});

const EPOCH = 1667876894608;
// [body, secretKey, epochMs, timeZone]
const signCases = [
  [seed, "s3cret", EPOCH, "KST"],
  [seed, "s3cret", EPOCH, "UTC"],
  [seed, "s3cret", EPOCH, undefined],
  ["", "s3cret", EPOCH, "KST"],
  [seed, "", EPOCH, "KST"],
  [seed, "비밀", EPOCH, "KST"],
  ["본문 \ufffd", "s3cret", EPOCH, "KST"],
  ["\ud800", "s3cret", EPOCH, "KST"],
  [seed, "\udc00", EPOCH, "KST"],
  ...[0, -0, 1.5, -1, NaN, Infinity, -Infinity, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 253402300799999, 253402300800000].map((e) => [seed, "s3cret", e, "KST"]),
  ...["kst", "", "KST ", "\ud800"].map((z) => [seed, "s3cret", EPOCH, z]),
  [seed, "s3cret", 1.5, "nowhere"], // two bad arguments: the same one is named first
];

test("signBody: the text path and the general path agree on every input", () => {
  for (const args of signCases) {
    assert.deepEqual(outcome(() => paths.signBody(...args)), outcome(() => general.signBody(...args)), JSON.stringify(args.map(String)));
  }
});

test("signBody: the common call takes the text path, now and KST when not given", () => {
  assert.equal(routeOf(() => paths.signBody(seed, "s3cret", EPOCH, "KST")), "signText");
  assert.equal(routeOf(() => paths.signBody(seed, "s3cret")), "signText");
  const before = Date.now();
  const token = paths.signBody(seed, "s3cret");
  const match = /^KMV1:(\d{17}):[A-Za-z0-9+/]{43}=$/.exec(token);
  assert.ok(match, token);
  // The token's time is KST (UTC+9) and taken during the call.
  const kst = new Date(before + 9 * 3600 * 1000).toISOString().replace(/\D/g, "").slice(0, 12);
  assert.ok(match[1] >= kst, `${match[1]} is before ${kst}`);
  // A lone surrogate is refused on the general path, before the module is asked again.
  assert.equal(routeOf(() => outcome(() => paths.signBody("\ud800", "s3cret", EPOCH))), "signText");
  assert.equal(routeOf(() => paths.signBody("\ufffd", "s3cret", EPOCH)), "signChecked signText");
  for (const args of [[seed, "s3cret", null], [seed, "s3cret", "1667876894608"], [seed, "s3cret", EPOCH, null]]) {
    assert.equal(routeOf(() => outcome(() => paths.signBody(...args))), "signChecked", String(args[2]));
  }
  for (const args of [[JSON.parse(seed), "s3cret"], [seed, null], [seed, "s3cret", 10n]]) {
    assert.ok(outcome(() => paths.signBody(...args)).threw.startsWith("konaplate: "), String(args[1]));
  }
});

test("the instance still answers exactly after every case above", () => {
  assert.equal(paths.validate("charge", null, seed).errorCount, 0);
  assert.equal(paths.signBody(seed, "s3cret", EPOCH, "KST"), general.signBody(seed, "s3cret", EPOCH, "KST"));
});
