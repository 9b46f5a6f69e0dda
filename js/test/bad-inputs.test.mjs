// The bad-input table (testdata/bad-inputs.json, shared with the CLI, server and page tests)
// through the built package: each JS row's violations (rule, location, EN and KO message), or
// the Error it throws, and after every row a valid call proves the Wasm instance still works.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as konaplate from "konaplate";
import { table, rowsFor, body, headers, namesTheField } from "../../testdata/bad-inputs.mjs";

const { validate, verifyTranToken } = konaplate;
const validBody = '{"sequenceId":"JS-OK","userId":1234567890123456789,"amount":1,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}';
const located = (violations, severity) =>
  violations.filter((v) => v.severity === severity).map((v) => `${v.location} ${v.rule}`).sort();
const rows = rowsFor("js");

test("the table has at least 100 bad inputs for the JS package", () => {
  assert.ok(rows.filter((r) => !r.accepted).length >= 100, "the JS table shrank");
});

for (const row of rows) {
  test(`${row.id}: ${row.what}`, () => {
    const sent = body(row.body);
    const spec = row.headers ?? {};
    // What the headers sign: a JS value or a text no signer accepts (a lone surrogate) signs "".
    const signable = typeof sent === "string" && !row.body.loneSurrogateAt ? sent : "";
    const pairs = headers(spec, spec.signedBody ? body(spec.signedBody) : signable, konaplate);
    if (row.js?.throws) {
      assert.throws(() => validate(row.endpoint, pairs, sent), (e) => e instanceof Error && e.message.includes(row.js.throws), row.id);
    } else {
      const report = validate(row.endpoint, pairs, sent);
      // The package's validate() has no secret: a signature row is checked with verifyTranToken.
      const expected = row.errors.filter(([, rule]) => rule !== "signature").map(([l, r]) => `${l} ${r}`).sort();
      assert.deepEqual(located(report.violations, "error"), expected, row.id);
      assert.equal(report.errorCount, expected.length, row.id);
      const warnings = located(report.violations, "warning");
      for (const [l, r] of row.warnings ?? []) assert.ok(warnings.includes(`${l} ${r}`), `${row.id}: warning ${l} ${r}`);
      for (const v of report.violations.filter((v) => v.severity === "error")) {
        assert.ok(namesTheField(v), `${row.id}: ${v.location} not named in ${JSON.stringify(v.message)}`);
      }
      if (row.errors.some(([, rule]) => rule === "signature")) {
        const token = pairs.find(([n]) => n.toLowerCase() === "x-km-tran-token")[1];
        const check = verifyTranToken(token, sent, table.secret);
        assert.equal(check.ok, false, row.id);
        assert.match(check.reason.en, /HMAC/, row.id);
        assert.match(check.reason.ko, /일치하지 않습니다/, row.id);
      }
    }
    // The same instance answers a valid request exactly after every bad one.
    assert.equal(validate("charge", null, validBody).errorCount, 0, `instance broken after ${row.id}`);
  });
}
