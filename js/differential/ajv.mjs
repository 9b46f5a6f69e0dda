// Differential test: konaplate's validator against ajv (JSON Schema draft 2020-12) on the same
// schemas, for every operation of the built-in document and of the foreign test document.
//
//   node js/differential/ajv.mjs [BODIES_PER_OPERATION] [SEED]     (default 100000; CI runs 3000)
//
// Bodies are generated from each operation's fields: valid ones, and ones with one mutation
// (a bound broken, inclusive or exclusive, on an integer or a number; a wrong type, a missing or
// extra key, an enum, const, pattern or date violated, an array too short or too long), at any
// depth. A field whose type list has null (`type: ["string", "null"]`, or `type: "null"`) gets
// null among its valid values, and a required field without null in its type gets null as a
// mutation (testdata/nullable-openapi.json is run too, and must see both). A `const` number is also sent as an equal number written otherwise (1 as 1.0, 1e0),
// which both must accept; a `pattern` field gets strings made to match it (the test document's
// patterns are listed in PATTERN_VALUES) and near misses. A body's verdict is "no error": konaplate's `errorCount == 0`
// against ajv's `valid`. Left out on purpose, because konaplate decides them differently and
// says so in the README: `null` in an optional field (absent for konaplate, a type error for
// ajv), integers written `1.0` (not integers for konaplate), control/bidi/zero-width characters
// in strings (refused by konaplate), repeated keys (JSON.parse keeps the last). Integers beyond
// 2^53 are compared separately: ajv gets a safe in-range stand-in, and the real value is checked
// against its bounds with BigInt.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { catalog, validate, load } from "konaplate/document";

const count = Number(process.argv[2] ?? 100000);
let seed = Number(process.argv[3] ?? Date.now() % 2147483647) || 1;
const startSeed = seed;
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[int(0, list.length - 1)];

const root = new URL("../../", import.meta.url);
const builtInText = readFileSync(new URL("crates/konaplate-core/src/catalog/openapi.json", root), "utf8");
const foreignText = readFileSync(new URL("testdata/foreign-openapi.json", root), "utf8");
const nullableText = readFileSync(new URL("testdata/nullable-openapi.json", root), "utf8");

// Nulls sent: where the document allows them (valid) and where it does not (a mutation).
const nulls = { allowed: 0, refused: 0 };
/** Whether null is one of `f`'s valid values (a nullable enum or const still refuses it). */
const takesNull = (f) => f.type === "null" || (f.nullable === true && f.const === undefined && !f.allowed?.length);

const dateOk = (text, digits) => {
  if (!new RegExp(`^\\d{${digits}}$`).test(text)) return false;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [0, 4, 6, 8, 10, 12].map((i) => Number(text.slice(i, i + (i ? 2 : 4)) || 0));
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d &&
    t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === s && mo >= 1 && mo <= 12;
};

function ajvFor(text) {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  ajv.addFormat("yyyyMMdd", (s) => dateOk(s, 8));
  ajv.addFormat("yyyyMMddHHmmss", (s) => dateOk(s, 14));
  ajv.addSchema(JSON.parse(text), "doc");
  return (path, method) => {
    const pointer = `/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    return ajv.compile({ $ref: `doc#${pointer}` });
  };
}

// ---- values from konaplate's field model (catalog().endpoints[].request) ----
const ALPHABET = [..."abcXYZ019-_", "가", "나", "😀", "é"];
const text = (n) => Array.from({ length: n }, () => pick(ALPHABET)).join("");
const big = (s) => (s == null ? null : BigInt(s));
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const cap = (n) => Math.min(n, 4000);

function dateText(format) {
  const y = int(1990, 2030), mo = int(1, 12), d = int(1, 28);
  const pad = (v, w = 2) => String(v).padStart(w, "0");
  const date = `${y}${pad(mo)}${pad(d)}`;
  return format === "yyyyMMdd" ? date : `${date}${pad(int(0, 23))}${pad(int(0, 59))}${pad(int(0, 59))}`;
}

/** The integer bounds of `f` as inclusive BigInt bounds (an exclusive one moved in by 1). */
function integerBounds(f) {
  const lo = [big(f.min), f.exclusiveMin == null ? null : big(f.exclusiveMin) + 1n].filter((b) => b != null);
  const hi = [big(f.max), f.exclusiveMax == null ? null : big(f.exclusiveMax) - 1n].filter((b) => b != null);
  return {
    lo: lo.length ? lo.reduce((a, b) => (a > b ? a : b)) : null,
    hi: hi.length ? hi.reduce((a, b) => (a < b ? a : b)) : null,
  };
}

function integerIn(f) {
  const b = integerBounds(f);
  const lo = b.lo ?? -(10n ** 12n), hi = b.hi ?? 10n ** 12n;
  const r = random();
  if (r < 0.15) return lo;
  if (r < 0.3) return hi;
  const span = hi - lo;
  return lo + (span * BigInt(Math.floor(random() * 1e9))) / 1000000000n;
}

// Strings that match each pattern of the test documents (a pattern field elsewhere would need
// its own entry: the generator fails loudly rather than guess).
const PATTERN_VALUES = {
  "^[A-Z]{3}-\\d{4}$": () => `${text3("ABCXYZ")}-${String(int(0, 9999)).padStart(4, "0")}`,
};
const text3 = (letters) => Array.from({ length: 3 }, () => pick([...letters])).join("");
// Near misses of a pattern: each breaks it in one place (lower case, a non-ASCII digit, \d being
// ASCII only, one digit more or less, text around an anchored match, a missing '-').
const PATTERN_MISSES = [
  (v) => v.toLowerCase(), (v) => v.replace(/\d$/, "\u0663"), (v) => v + "0", (v) => v.slice(0, -1),
  (v) => " " + v, (v) => v + "\n", (v) => v.replace("-", ""), (v) => v.replace("-", "\u2010"),
];

/** Numbers in a number field's bounds (JS numbers: their text is what both validators read). */
function numberIn(f) {
  const lo = f.min ?? f.exclusiveMin, hi = f.max ?? f.exclusiveMax;
  const l = lo == null ? -1e6 : Number(lo), h = hi == null ? 1e6 : Number(hi);
  const candidates = [
    l + (h - l) * random(), l + (h - l) / 2, (l + h) / 2 + 1e-7,
    f.min != null ? Number(f.min) : null, f.max != null ? Number(f.max) : null,
    f.exclusiveMin != null ? Number(f.exclusiveMin) + 1e-9 : null, f.exclusiveMax != null ? Number(f.exclusiveMax) - 1e-9 : null,
    ...[0, 1.5, -2.25, 1500, 1e-3, 1e-7],
  ].filter((n) => n != null && numberOk(f, n));
  return candidates.length ? pick(candidates) : l;
}
const numberOk = (f, n) => (f.min == null || n >= Number(f.min)) && (f.max == null || n <= Number(f.max)) &&
  (f.exclusiveMin == null || n > Number(f.exclusiveMin)) && (f.exclusiveMax == null || n < Number(f.exclusiveMax));

/** The same number written otherwise (1 → 1.0, 1e0, 10e-1): equal for const, draft 2020-12 and ajv. */
class NumberText { constructor(text) { this.text = text; } }
const respelled = (n) => {
  if (!Number.isInteger(n)) return String(n);
  return pick([`${n}.0`, `${n}e0`, `${n * 10}e-1`, `${n}.000`, `${n}E+0`]);
};

function valid(f) {
  if (takesNull(f) && (f.type === "null" || random() < 0.25)) {
    nulls.allowed++;
    return null;
  }
  if (f.const !== undefined) {
    if (typeof f.const === "number" && Number.isInteger(f.const) && random() < 0.4) return new NumberText(respelled(f.const));
    return structuredClone(f.const);
  }
  switch (f.type) {
    case "string":
      if (f.allowed.length) return pick(f.allowed);
      if (f.format) return dateText(f.format);
      if (f.pattern) {
        const make = PATTERN_VALUES[f.pattern];
        if (!make) throw new Error(`no generator for the pattern ${f.pattern}: add it to PATTERN_VALUES`);
        return make();
      }
      return text(int(f.minLen, Math.min(cap(f.maxLen), f.minLen + 30)));
    case "integer": return integerIn(f);
    case "number": return numberIn(f);
    case "boolean": return random() < 0.5;
    case "object": return objectOf(f.fields);
    case "null": return null;
    case "array": return Array.from({ length: int(f.minItems, Math.min(cap(f.maxItems), f.minItems + 3)) }, () => valid(f.items));
  }
  throw new Error(`unknown field type ${f.type}`);
}

function objectOf(fields) {
  const o = {};
  for (const f of fields) if (f.required || random() < 0.6) o[f.name] = valid(f);
  return o;
}

const WRONG = { string: [7, true, [], {}], integer: ["12", true, 1.5, []], number: ["1", false, {}], boolean: ["true", 0, []], object: ["{}", 1, []], array: ["[]", 1, {}], null: [0, "null", false, {}, []] };

/** One mutation of the value `v` for field `f` (a value whose verdict ajv and konaplate must share). */
function mutated(f, v) {
  const options = [() => pick(WRONG[f.type])];
  if (f.const !== undefined) {
    options.push(() => (typeof f.const === "number" ? f.const + pick([1, -1, 0.5]) : typeof f.const === "string" ? f.const + "X" : null));
    if (typeof f.const === "number") options.push(() => String(f.const));
  }
  if (f.type === "string" && f.pattern && typeof v === "string") {
    options.push(() => pick(PATTERN_MISSES)(v), () => pick(PATTERN_MISSES)(v));
  }
  if (f.type === "string" && f.allowed.length) options.push(() => "NOT-" + pick(f.allowed));
  if (f.type === "string" && f.format) options.push(() => dateText(f.format).replace(/^(\d{4})\d\d/, "$113"));
  if (f.type === "string" && !f.allowed.length && !f.format) {
    if (f.minLen > 0) options.push(() => text(f.minLen - 1));
    if (f.maxLen < 4000) options.push(() => text(f.maxLen + 1));
  }
  if (f.type === "integer") {
    if (f.min != null) options.push(() => big(f.min) - 1n - BigInt(int(0, 5)));
    if (f.max != null) options.push(() => big(f.max) + 1n + BigInt(int(0, 5)));
    // An exclusive bound itself, or beyond it.
    if (f.exclusiveMin != null) options.push(() => big(f.exclusiveMin) - BigInt(int(0, 3)));
    if (f.exclusiveMax != null) options.push(() => big(f.exclusiveMax) + BigInt(int(0, 3)));
  }
  if (f.type === "number") {
    const tiny = () => pick([1e-9, 0.5, 1, 1e-3]);
    if (f.min != null) options.push(() => Number(f.min) - tiny());
    if (f.max != null) options.push(() => Number(f.max) + tiny());
    // The exclusive bound exactly (also written otherwise), or beyond it.
    if (f.exclusiveMin != null) options.push(() => Number(f.exclusiveMin), () => new NumberText(respelled(Number(f.exclusiveMin))), () => Number(f.exclusiveMin) - tiny());
    if (f.exclusiveMax != null) options.push(() => Number(f.exclusiveMax), () => new NumberText(respelled(Number(f.exclusiveMax))), () => Number(f.exclusiveMax) + tiny());
  }
  if (f.type === "object" && v && typeof v === "object") return mutatedObject(f.fields, f.closed, v);
  if (f.type === "array" && Array.isArray(v)) {
    if (v.length && random() < 0.6) {
      const copy = [...v];
      const i = int(0, copy.length - 1);
      copy[i] = mutated(f.items, copy[i]);
      return copy;
    }
    if (f.minItems > 0) options.push(() => v.slice(0, f.minItems - 1));
    if (f.maxItems < 4000) options.push(() => [...v, ...Array.from({ length: f.maxItems + 1 - v.length }, () => valid(f.items))]);
  }
  return pick(options)();
}

function mutatedObject(fields, closed, o) {
  const copy = { ...o };
  const kind = random();
  const present = fields.filter((f) => f.name in copy);
  if (kind < 0.15) {
    const required = fields.filter((f) => f.required);
    if (required.length) delete copy[pick(required).name];
  } else if (kind < 0.25) {
    copy["extra_" + text(3)] = pick(["x", 1, true]);
  } else if (present.length) {
    const f = pick(present);
    // Null where the type has none: only on a required member, as konaplate reads an optional
    // one's null as its absence (see above); an array's null items are left out for the same reason.
    if (f.required && !takesNull(f) && random() < 0.2) {
      nulls.refused++;
      copy[f.name] = null;
    } else {
      copy[f.name] = mutated(f, copy[f.name]);
    }
  }
  return copy;
}

// ---- the two views of one body: exact JSON text, and ajv's value plus BigInt checks ----
function jsonText(v) {
  if (typeof v === "bigint") return v.toString();
  if (v instanceof NumberText) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(",")}}`;
  return JSON.stringify(v);
}

/** ajv's copy: integers beyond 2^53 become a safe value in the field's range; `bigOk` says whether the real ones were in range. */
function forAjv(v, f, state) {
  if (v instanceof NumberText) return JSON.parse(v.text);
  if (typeof v === "bigint") {
    if (v <= SAFE && v >= -SAFE) return Number(v);
    const lo = big(f?.min), hi = big(f?.max);
    state.bigOk &&= (lo == null || v >= lo) && (hi == null || v <= hi);
    const stand = lo != null && lo <= SAFE && lo >= -SAFE ? lo : hi != null && hi <= SAFE && hi >= -SAFE ? hi : 0n;
    state.big = true;
    return Number(stand);
  }
  if (Array.isArray(v)) return v.map((x) => forAjv(x, f?.type === "array" ? f.items : undefined, state));
  if (v && typeof v === "object") {
    const fields = f?.fields ?? [];
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forAjv(x, fields.find((g) => g.name === k), state)]));
  }
  return v;
}

// The rules of the JSON Schema keywords a loaded document may use beyond the built-in one: each
// must be seen broken in the foreign document's run, or the generator has stopped reaching it.
const KEYWORD_RULES = ["exclusiveMinimum", "exclusiveMaximum", "const", "pattern"];

function run(label, operations, konaplateValidate, compile, mustReach = []) {
  let agree = 0, bigCompared = 0, invalid = 0;
  const reached = Object.fromEntries(KEYWORD_RULES.map((r) => [r, 0]));
  for (const op of operations) {
    const check = compile(op.path, op.method);
    const root = { type: "object", fields: op.request, closed: false };
    for (let i = 0; i < count; i++) {
      const body = objectOf(op.request);
      const value = random() < 0.3 ? body : mutatedObject(op.request, false, body);
      const bodyText = jsonText(value);
      const state = { bigOk: true, big: false };
      const expected = check(forAjv(value, root, state)) && state.bigOk;
      const report = konaplateValidate(op.id, bodyText);
      const got = report.errorCount === 0;
      if (got !== expected) {
        console.error(`FAIL - ${label} ${op.id}: konaplate says ${got ? "valid" : "invalid"}, ajv${state.big ? " + BigInt bounds" : ""} says ${expected ? "valid" : "invalid"} (seed ${startSeed})`);
        console.error(`  body: ${bodyText}`);
        console.error(`  konaplate: ${JSON.stringify(report.violations.filter((v) => v.severity === "error").map((v) => [v.location, v.rule]))}`);
        console.error(`  ajv: ${JSON.stringify(check.errors)}`);
        process.exit(1);
      }
      agree++;
      if (!expected) invalid++;
      for (const v of report.violations) if (v.severity === "error" && v.rule in reached) reached[v.rule]++;
      if (state.big) bigCompared++;
    }
  }
  const missed = mustReach.filter((r) => reached[r] === 0);
  if (missed.length) {
    console.error(`FAIL - ${label}: no body broke ${missed.join(", ")} (seed ${startSeed})`);
    process.exit(1);
  }
  const keywords = mustReach.length ? `; broken keywords: ${mustReach.map((r) => `${r} ${reached[r]}`).join(", ")}` : "";
  console.log(`ok   - ${label}: konaplate and ajv (draft 2020-12) agree on ${agree} bodies (${invalid} invalid) over ${operations.length} operation(s), ${bigCompared} of them with integers beyond 2^53 checked by BigInt${keywords} (seed ${startSeed})`);
}

const builtIn = catalog().endpoints;
run("built-in document", builtIn, (id, body) => validate(id, null, body), ajvFor(builtInText));
const foreign = load(foreignText);
run("foreign document", foreign.catalog().endpoints, (id, body) => foreign.validate(id, null, body), ajvFor(foreignText), KEYWORD_RULES);
nulls.allowed = nulls.refused = 0;
const nullable = load(nullableText);
run("nullable document", nullable.catalog().endpoints, (id, body) => nullable.validate(id, null, body), ajvFor(nullableText));
if (!nulls.allowed || !nulls.refused) {
  console.error(`FAIL - nullable document: nulls sent where allowed ${nulls.allowed}, where refused ${nulls.refused}: both must be reached (seed ${startSeed})`);
  process.exit(1);
}
console.log(`ok   - nullable document: ${nulls.allowed} nulls where the type list allows them, ${nulls.refused} where it does not`);
