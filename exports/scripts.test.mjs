// The exported pre-request scripts, run in node with a fixed clock and fixed random numbers,
// give exactly the headers `konaplate headers` computes for the same body, time and random
// bytes (UTC and KST, a year boundary, milliseconds that need padding). The live runs against
// `konaplate serve` are in scripts/test.d/50-exports.sh; this pins the formats byte for byte.
// Env: KONAPLATE_BIN, POSTMAN_COLLECTION (file), BRUNO_COLLECTION (folder).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";

const require = createRequire(import.meta.url);
const CryptoJS = require("crypto-js");
const SECRET = "exports-script-test-secret";
const ACCESS_KEY = "kp_sandbox_access_key_000000000000000000";
const ASP_ID = "KPSANDBOX000001";
const BODY = '{"sequenceId":"{{sequenceId}}","userId":1234567890123456789,"amount":1000,"merchantId":"123456789012345"}';

const postmanScript = JSON.parse(readFileSync(process.env.POSTMAN_COLLECTION, "utf8"))
  .event.find((e) => e.listen === "prerequest").script.exec.join("\n");
const collectionBru = readFileSync(join(process.env.BRUNO_COLLECTION, "collection.bru"), "utf8");
const brunoScript = collectionBru
  .slice(collectionBru.indexOf("{") + 1, collectionBru.lastIndexOf("}"))
  .split("\n").map((l) => l.replace(/^  /, "")).join("\n");

/** A context whose clock reads `nowMs` and whose Math.random returns `random`. */
function context(globals, nowMs, random) {
  class FixedDate extends Date {
    static now() { return nowMs; }
  }
  const math = Object.create(Math);
  math.random = () => random;
  const requireStub = (name) => {
    assert.equal(name, "crypto-js");
    return CryptoJS;
  };
  return vm.createContext({ ...globals, Date: FixedDate, Math: math, require: requireStub });
}

const resolve = (vars) => (text) => text.replace(/\{\{(\w+)\}\}/g, (whole, name) => (name in vars ? vars[name] : whole));

function runPostman(zone, nowMs, random) {
  const vars = { secretKey: SECRET, accessKey: ACCESS_KEY, aspId: ASP_ID, timeZone: zone };
  const headers = {};
  const pm = {
    variables: { get: (k) => vars[k], set: (k, v) => { vars[k] = v; }, replaceIn: (t) => resolve(vars)(t) },
    collectionVariables: { set() {}, get() {} },
    request: { body: { raw: BODY }, headers: { upsert: ({ key, value }) => { headers[key] = value; } } },
  };
  vm.runInContext(postmanScript, context({ pm }, nowMs, random));
  return { headers, sent: resolve(vars)(BODY) };
}

function runBruno(zone, nowMs, random) {
  const vars = { secretKey: SECRET, accessKey: ACCESS_KEY, aspId: ASP_ID, timeZone: zone };
  const headers = {};
  let data = BODY;
  const req = {
    getBody: (o) => (o && o.raw ? data : JSON.parse(data)),
    setBody: (d, o) => { assert.ok(o && o.raw); data = d; },
    setHeader: (k, v) => { headers[k] = v; },
  };
  const bru = { interpolate: (t) => resolve(vars)(t), setVar: (k, v) => { vars[k] = v; }, getVar: (k) => vars[k] };
  vm.runInContext(brunoScript, context({ req, bru }, nowMs, random));
  return { headers, sent: data };
}

/** `konaplate headers` for `body` at `nowMs` in `zone`, random bytes de ad be ef. */
function expected(body, zone, nowMs) {
  const dir = mkdtempSync(join(tmpdir(), "konaplate-exports-"));
  writeFileSync(join(dir, "body.json"), body);
  const out = execFileSync(process.env.KONAPLATE_BIN,
    ["headers", "--zone", zone, "--time-ms", String(nowMs), "--random-hex", "deadbeef", "--asp-id", ASP_ID, join(dir, "body.json")],
    { env: { ...process.env, KONAPLATE_SECRET_KEY: SECRET, KONAPLATE_ACCESS_KEY: ACCESS_KEY }, encoding: "utf8" });
  return Object.fromEntries(out.trim().split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
}

// 0xdeadbeef >> 4: the 28 bits `konaplate headers --random-hex deadbeef` uses.
const RANDOM = 0xdeadbee / 0x10000000;
const TIMES = [
  ["KST", 1667876894608],  // the guide's sample instant
  ["UTC", 1767225599005],  // 2025-12-31T23:59:59.005Z: year boundary, padded milliseconds
  ["KST", 1767225599005],  // the same instant is already 2026 in KST
];

for (const [tool, run] of [["Postman", runPostman], ["Bruno", runBruno]]) {
  for (const [zone, nowMs] of TIMES) {
    test(`${tool} script = konaplate headers (${zone}, ${nowMs})`, () => {
      const { headers, sent } = run(zone, nowMs, RANDOM);
      assert.doesNotMatch(sent, /\{\{/, "every variable resolved before signing");
      assert.match(sent, /"userId":1234567890123456789,/, "the 19-digit id is sent as written");
      assert.deepEqual(headers, expected(sent, zone, nowMs));
      assert.match(headers["X-KM-Tran-Token"], /^KMV1:\d{17}:[A-Za-z0-9+/]{43}=$/);
      assert.match(headers["X-KM-Correlation-Id"], /^\d{12}-[0-9a-f]{7}$/);
    });
  }
  test(`${tool} script refuses to sign without a secret`, () => {
    const missing = tool === "Postman"
      ? () => vm.runInContext(postmanScript, context({ pm: { variables: { get: () => undefined } } }, 0, 0))
      : () => vm.runInContext(brunoScript, context({ bru: { interpolate: (t) => t } }, 0, 0));
    assert.throws(missing, /secretKey/);
  });
}
