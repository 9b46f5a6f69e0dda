// `load(documentText)`: a foreign OpenAPI 3.1 document gets the same functions as the built-in
// one (testdata/foreign-openapi.json: nested objects, an array of objects, an enum, a date
// format, a 19-digit id).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { load, validate } from "konaplate/document";

const text = readFileSync(new URL("../../testdata/foreign-openapi.json", import.meta.url), "utf8");
const order = `{"orderId":9999999999999999999,"channel":"APP","orderDate":"20261202","buyer":{"name":"김코나","address":{"zip":"06236"}},"items":[{"sku":"SKU-1","quantity":2}]}`;
const credentials = { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: "js-load-secret" };

test("a loaded document validates its own operations, nested fields and exact big ids", () => {
  const doc = load(text);
  assert.equal(doc.validate("createOrder", null, order).errorCount, 0);
  assert.equal(doc.validate("/api/v1/example/orders", null, order).errorCount, 0);
  const bad = order.replace('"zip":"06236"', '"zip":"0623"').replace("9999999999999999999", "10000000000000000000");
  const found = doc.validate("createOrder", null, bad).violations.map((v) => [v.location, v.rule]);
  assert.deepEqual(found, [["$.orderId", "maximum"], ["$.buyer.address.zip", "length"]]);
  assert.deepEqual(doc.catalog().endpoints.map((e) => e.id), ["createOrder"]);
  // The response codes the document declares itself, with their provenance.
  assert.deepEqual(doc.catalog().endpoints[0].ownCodes.map((c) => [c.code, c.http, c.provenance]),
    [["100_000", 200, "published"], ["100_409", 409, "published"], ["100_901", 400, "ours"]]);
  assert.throws(() => doc.validate("charge", null, "{}"), /unknown endpoint "charge"; one of createOrder/);
  // The default export keeps the built-in document.
  assert.throws(() => validate("createOrder", null, order), /unknown endpoint "createOrder"/);
});

test("a loaded document's exclusive bounds, const and pattern: exact on the text, named by their rules", () => {
  const doc = load(text);
  const rules = (extra) => doc.validate("createOrder", null, order.replace('"items"', `${extra},"items"`))
    .violations.filter((v) => v.severity === "error").map((v) => [v.location, v.rule]);
  assert.deepEqual(rules('"couponCode":"ABC-1234","discountRate":0.999999999999999999999,"priority":9,"currency":"KRW","formatVersion":1.0'), []);
  assert.deepEqual(rules('"discountRate":0'), [["$.discountRate", "exclusiveMinimum"]]);
  assert.deepEqual(rules('"discountRate":1e0'), [["$.discountRate", "exclusiveMaximum"]]);
  assert.deepEqual(rules('"priority":10'), [["$.priority", "exclusiveMaximum"]]);
  assert.deepEqual(rules('"currency":"USD"'), [["$.currency", "const"]]);
  assert.deepEqual(rules('"formatVersion":2'), [["$.formatVersion", "const"]]);
  assert.deepEqual(rules('"couponCode":"ABC-١٢٣٤"'), [["$.couponCode", "pattern"]]);
  const [pattern] = doc.validate("createOrder", null, order.replace('"items"', '"couponCode":"abc","items"')).violations;
  assert.match(pattern.message.en, /couponCode must match the pattern \^\[A-Z\]\{3\}-\\d\{4\}\$ \(got "abc"\)/);
  assert.match(pattern.message.ko, /패턴/);
});

test("buildRequest on a loaded document refuses, as data, required nested fields it cannot build from flat values", () => {
  const doc = load(text);
  const r = doc.buildRequest({
    endpoint: "createOrder", credentials, epochMs: 1667876894608, random: [1, 2, 3, 4],
    baseUrl: "http://127.0.0.1:8787/open-api",
    fields: { orderId: 9999999999999999999n, channel: "WEB", orderDate: "20261202" },
  });
  // buyer and items are required and cannot be built from flat field values: refused as data.
  assert.equal(r.ok, false);
  assert.deepEqual(r.violations.filter((v) => v.severity === "error").map((v) => v.location), ["$.buyer", "$.items"]);
});

test("a broken document is refused with its JSON pointer and the reason in English and Korean", () => {
  // A lookahead: outside the patterns konaplate checks, so refused by name, never ignored.
  const broken = text.replace('"format": "yyyyMMdd"', '"pattern": "^(?=[0-9])[0-9]{8}$"');
  assert.throws(() => load(broken), (e) => {
    assert.match(e.message, /#\/paths\/~1api~1v1~1example~1orders\/post\/requestBody\/content\/application~1json\/schema\/properties\/orderDate\/pattern/);
    assert.match(e.message, /lookahead/);
    assert.match(e.message, /전방 탐색/);
    return true;
  });
  // A keyword konaplate does not implement is still refused by name.
  const multiple = text.replace('"minimum": 1, "maximum": 99,', '"minimum": 1, "maximum": 99, "multipleOf": 2,');
  assert.throws(() => load(multiple), /keyword multipleOf/);
  assert.throws(() => load("{"), /not JSON/);
  assert.throws(() => load(42), /document must be a string/);
});

// Patterns: the core's check refuses in the same words as the native build
// (testdata/pattern-refusals.json, held natively by crates/konaplate-core/tests/pattern_refusals.rs),
// and what it accepts is matched by JavaScript's own RegExp, as ajv matches it.
const table = (name) => JSON.parse(readFileSync(new URL(`../../testdata/${name}`, import.meta.url), "utf8"));
const withPattern = (pattern) => JSON.stringify({ openapi: "3.1.0", paths: { "/x": { post: { operationId: "x",
  requestBody: { content: { "application/json": { schema: { type: "object", properties: { a: { type: "string", pattern } } } } } } } } } });
const pointer = "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/a/pattern";

test("a pattern the core's check refuses is refused in the native build's words, English and Korean", () => {
  const { refusals } = table("pattern-refusals.json");
  assert.ok(refusals.length >= 10);
  for (const { pattern, en, ko } of refusals) {
    assert.throws(() => load(withPattern(pattern)), (e) => {
      assert.ok(e.message.startsWith(`konaplate: ${pointer}: the pattern `), e.message);
      assert.ok(e.message.includes(` is refused: ${en}; `), `${pattern}: ${e.message}`);
      assert.ok(e.message.includes(` 쓸 수 없습니다: ${ko}. `), `${pattern}: ${e.message}`);
      return true;
    });
  }
});

test("an accepted pattern matches as ajv's RegExp (flag u, unanchored) matches it", () => {
  const { cases } = table("pattern-matches.json");
  assert.ok(cases.length > 30);
  for (const [pattern, text, want] of cases) {
    const doc = load(withPattern(pattern));
    const found = doc.validate("x", null, JSON.stringify({ a: text })).violations.filter((v) => v.rule === "pattern");
    assert.equal(new RegExp(pattern, "u").test(text), want, `the table, by RegExp: ${pattern} on ${JSON.stringify(text)}`);
    assert.equal(found.length, want ? 0 : 1, `${pattern} on ${JSON.stringify(text)}`);
  }
});

test("a pattern the check accepts and RegExp refuses (too many captures) is refused cleanly", () => {
  const captures = "(a)".repeat(70_000);
  assert.throws(() => new RegExp(captures, "u"), SyntaxError);
  assert.throws(() => load(withPattern(captures)), (e) => {
    assert.ok(e.message.startsWith(`konaplate: ${pointer}: `), e.message.slice(0, 200));
    assert.match(e.message, /is refused: the host's JavaScript RegExp refuses it \(with the u flag\)/);
    assert.match(e.message, /호스트의 JavaScript RegExp가 받아들이지 않습니다/);
    return true;
  });
  // The module keeps working.
  assert.equal(load(withPattern("^b+$")).validate("x", null, '{"a":"bbb"}').errorCount, 0);
});
