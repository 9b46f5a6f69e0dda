// Fuzzes the JS package's boundary: arbitrary JS values (undefined, null, Symbols, BigInts, lone
// surrogates, cyclic and huge objects, throwing getters and Proxies, …) into every exported
// function of the built package (pkg/, linked as js/node_modules/konaplate): the main entry and
// konaplate/document (its own Wasm module: the same functions plus describeCode, catalog, load).
//
//   node js/fuzz/boundary.mjs [RUNS] [SEED] [SECONDS]   default 2,000 runs (CI's smoke), a random
//                                                      seed, no time limit (a limit stops early)
//
// Each call must return, or throw an Error whose message starts "konaplate: " (never a Wasm trap,
// never a foreign exception passed through), and after every call the same instance must still
// answer a valid request exactly. A failure prints the shrunk counterexample and the seed.
import fc from "fast-check";
import { createHmac } from "node:crypto";
import * as main from "konaplate";
import * as document from "konaplate/document";

const runs = Number(process.argv[2] ?? process.env.KONAPLATE_FUZZ_RUNS ?? 2000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const seconds = Number(process.argv[4] ?? 0);

const VALID = '{"sequenceId":"FUZZ-1","userId":9999999999999999999,"amount":1,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}';
const SECRET = "fuzz-secret";
const EPOCH = 1767225600000;
const TOKEN = `KMV1:20260101090000000:${createHmac("sha256", SECRET).update(VALID).digest("base64")}`;
const credentials = { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: SECRET };
const fields = { sequenceId: "FUZZ-1", userId: "9999999999999999999", amount: 1, oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" };

/** Both instances still answer a valid request exactly. */
function stillWorks() {
  for (const kp of [main, document]) {
    if (kp.validate("charge", null, VALID).errorCount !== 0) throw new Error("instance broken: validate");
    if (kp.signBody(VALID, SECRET, EPOCH, "KST") !== TOKEN) throw new Error("instance broken: signBody");
    if (!kp.verifyTranToken(TOKEN, VALID, SECRET).ok) throw new Error("instance broken: verifyTranToken");
  }
  if (document.describeCode("007_008")?.http === undefined) throw new Error("instance broken: describeCode");
}

const thrower = () => { throw new Error("hostile"); };
const cyclic = () => { const o = { ...fields }; o.self = o; return o; };
const revoked = (target) => { const r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; };
const trapAll = (target) => new Proxy(target, Object.fromEntries(
  ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "apply", "construct"].map((t) => [t, thrower])));
const deep = (n) => { let v = []; for (let i = 0; i < n; i++) v = [v]; return v; };
const bigString = "x".repeat(4 * 1024 * 1024 + 1);

/** Hostile values, made fresh for each call (a revoked Proxy stays revoked, a cycle stays a cycle). */
const SPECIALS = {
  cyclicObject: cyclic,
  cyclicArray: () => { const a = [1]; a.push(a); return a; },
  throwingGetter: () => ({ ...fields, get userId() { throw new Error("getter"); } }),
  throwingGetterHeaders: () => ({ get "X-KM-Time-Zone"() { throw new Error("getter"); } }),
  proxyAllTrapsThrow: () => trapAll({ ...fields }),
  proxyArrayTrapsThrow: () => trapAll([["X-KM-Time-Zone", "KST"]]),
  revokedObject: () => revoked({}),
  revokedArray: () => revoked([]),
  throwingIterator: () => { const a = [1, 2, 3, 4]; a[Symbol.iterator] = thrower; return a; },
  throwingLength: () => Object.defineProperty([1, 2, 3, 4], "0", { get: thrower }),
  throwingToPrimitive: () => ({ [Symbol.toPrimitive]: thrower, toString: thrower, valueOf: thrower, toJSON: thrower }),
  reentrantGetter: () => ({ ...fields, get amount() { main.validate("charge", null, VALID); document.validate("charge", null, VALID); return 1; } }),
  nullPrototype: () => Object.assign(Object.create(null), fields),
  protoKey: () => JSON.parse('{"__proto__":{"userId":1},"sequenceId":"P"}'),
  frozenFields: () => Object.freeze({ ...fields }),
  sparseHugeArray: () => { const a = []; a.length = 2 ** 32 - 1; return a; },
  arrayLikeHuge: () => ({ length: 1e9 }),
  deepArray: () => deep(10000),
  deepObject: () => { let o = {}; for (let i = 0; i < 10000; i++) o = { a: o }; return o; },
  bigString: () => bigString,
  stringObject: () => new String("charge"),
  numberObject: () => new Number(1),
  date: () => new Date(0),
  regexp: () => /x/g,
  map: () => new Map([["userId", 1]]),
  set: () => new Set([1]),
  promise: () => Promise.resolve(1),
  error: () => new Error("value"),
  arrayBuffer: () => new ArrayBuffer(4),
  bytes4: () => new Uint8Array([1, 2, 3, 4]),
  bytesHuge: () => new Uint8Array(1 << 20),
  float64: () => new Float64Array([1.5, NaN, -0, Infinity]),
  func: () => function userId() { return 1; },
  generator: () => (function* () { yield 1; })(),
  hugeBigInt: () => 10n ** 400n,
  negativeBigInt: () => -(2n ** 64n),
  loneSurrogate: () => "\ud800",
  loneSurrogateBody: () => VALID.replace("FUZZ-1", "\udc00"),
  validBody: () => VALID,
  validFields: () => ({ ...fields }),
  validHeaders: () => main.buildRequest({ endpoint: "charge", fields, credentials, epochMs: EPOCH, random: [1, 2, 3, 4] }).headers,
  credentials: () => ({ ...credentials }),
};

class Special {
  constructor(label) { this.label = label; }
  [fc.toStringMethod]() { return `special(${this.label})`; }
}

/** Replaces each Special in a generated value by a fresh hostile value. */
function materialise(v) {
  if (v instanceof Special) return SPECIALS[v.label]();
  if (Array.isArray(v)) return v.map(materialise);
  if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialise(x)]));
  }
  return v;
}

const names = ["charge", "cancel", "result-inquiry", "one-time-token", "KST", "UTC", "000_000", "007_008",
  ...Object.keys(fields), "X-KM-Tran-Token", "X-KM-Time-Zone", "endpoint", "fields", "credentials", "epochMs", "random"];
const special = fc.constantFrom(...Object.keys(SPECIALS)).map((label) => new Special(label));
const leaf = fc.oneof(
  fc.constantFrom(undefined, null, true, false, NaN, -0, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, 5e-324),
  fc.integer(), fc.double(), fc.bigInt(),
  fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.constantFrom(...names),
  fc.stringMatching(/^-?[0-9]{1,25}$/),
  fc.string().map((s) => Symbol(s)),
);
// Hostile values are a third of the leaves, so every run of a few thousand calls meets each.
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, { arbitrary: leaf, weight: 2 }, { arbitrary: special, weight: 2 },
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string()), tie("value"), { maxKeys: 6 })),
}));
// Mostly valid options with hostile parts, to reach past the first check.
const options = fc.record({
  endpoint: fc.oneof(fc.constantFrom("charge", "cancel"), value),
  fields: fc.oneof(fc.constant(fields), fc.dictionary(fc.constantFrom(...Object.keys(fields), "extra"), value), value),
  credentials: fc.oneof(fc.constant(credentials), fc.record({ aspId: value, accessKey: value, secretKey: value }, { requiredKeys: [] }), value),
  timeZone: fc.oneof(fc.constantFrom("KST", "UTC"), value),
  epochMs: fc.oneof(fc.constant(EPOCH), value),
  random: fc.oneof(fc.constant([1, 2, 3, 4]), value),
  baseUrl: value, cryptoKeyId: value, allowInvalid: value,
}, { requiredKeys: [] });
const headerPairs = fc.array(fc.oneof(fc.tuple(value, value), value), { maxLength: 8 });

const call = fc.oneof(
  fc.tuple(fc.constant("validate"), fc.tuple(fc.oneof(fc.constantFrom("charge", "cancel"), value), fc.oneof(headerPairs, value), value)),
  fc.tuple(fc.constant("buildRequest"), fc.tuple(fc.oneof(options, value))),
  fc.tuple(fc.constant("signBody"), fc.tuple(value, value, value, value)),
  fc.tuple(fc.constant("verifyTranToken"), fc.tuple(value, value, value)),
  fc.tuple(fc.constant("describeCode"), fc.tuple(value)),
  fc.tuple(fc.constant("load"), fc.tuple(value)),
  fc.tuple(fc.constantFrom("catalog", "version"), fc.array(value, { maxLength: 2 })),
);
// Functions both entries have run in either module; the rest only in konaplate/document.
const entry = fc.boolean();

stillWorks();
const started = Date.now();
let returned = 0;
let threw = 0;
fc.assert(
  fc.property(call, entry, ([name, args], inMain) => {
    const kp = inMain && name in main ? main : document;
    try {
      kp[name](...materialise(args));
      returned++;
    } catch (e) {
      if (!(e instanceof Error) || e instanceof WebAssembly.RuntimeError || !e.message.startsWith("konaplate: ")) {
        throw new Error(`${name} threw something other than a konaplate Error: ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`);
      }
      threw++;
    }
    stillWorks();
  }),
  { numRuns: runs, seed, verbose: 1, ...(seconds > 0 ? { interruptAfterTimeLimit: seconds * 1000 } : {}) },
);
const took = (Date.now() - started) / 1000;
console.log(`ok   - JS boundary fuzz: ${returned + threw} calls (${returned} returned, ${threw} threw a konaplate Error), 0 failures, seed ${seed}, ${took.toFixed(1)} s`);
