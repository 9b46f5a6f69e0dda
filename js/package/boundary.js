// The package's functions over one instance of its Wasm module (crates/konaplate-wasm), shared
// by node.js, browser.js, document-node.js and document-browser.js.
//
// Every caller value is read here, once: types checked, a throwing getter, Proxy trap or
// iterator caught and named (an exception must never unwind through Wasm frames), lone
// surrogates refused (they cannot become UTF-8 unchanged), and a body object written as JSON
// text without JSON.stringify's silent losses (a BigInt keeps every digit; a number past
// 2^53 - 1 is reported, its digits being gone already). Only strings, numbers and booleans cross
// into the module; the rules, the catalog and every message are its (Rust's), and its results
// come back as JSON text. The common validate and signBody calls take its text paths first.

const MAX_BODY_CHARS = 4 * 1024 * 1024; // the module's MAX_BODY_CHARS: a longer string is never copied in
const MAX_DEPTH = 64; // deepest body object accepted (deeper, or cyclic, is refused)
const MAX_ITEMS = 2 ** 20; // most items read from one array (a sparse length must not loop for minutes)
const LONE_SURROGATE = /\p{Cs}/u;
const EMPTY_REPORT = () => ({ violations: [], errorCount: 0, warningCount: 0, noteCount: 0 });
const VERSION = "0.0.0"; // the package's version, written in by scripts/build-pkg.sh

const refuse = (message) => {
  throw new Error(`konaplate: ${message}`);
};

/** `read()`, or our Error naming `path` when reading the caller's value throws. */
const reading = (path, read) => {
  try {
    return read();
  } catch {
    refuse(`reading ${path} threw (a getter, Proxy trap or iterator of the value); pass plain data`);
  }
};

const isObject = (value) => typeof value === "object" && value !== null;
const isArray = (value, path) => reading(path, () => Array.isArray(value));
const entries = (value, path) => reading(path, () => Object.entries(value));
const property = (object, key, path) => reading(path, () => Reflect.get(object, key));

/** Refuses an array-like whose `length` is not a number up to MAX_ITEMS. */
const boundedLength = (value, path) => {
  const length = property(value, "length", path);
  if (!(typeof length === "number" && length <= MAX_ITEMS)) refuse(`${path} must be an array of at most ${MAX_ITEMS} items`);
};

/** The items of an array-like, read once. */
const items = (value, path) => {
  boundedLength(value, path);
  return reading(path, () => Array.from(value));
};

/** A string without lone surrogates, or `undefined` for any other value. */
const text = (value, path) => {
  if (typeof value !== "string") return undefined;
  if (LONE_SURROGATE.test(value)) refuse(`${path} contains a lone surrogate (invalid UTF-16); it cannot be sent as UTF-8 unchanged`);
  return value;
};

/** A string argument: a string without lone surrogates, or our Error naming `path`. */
export const string = (value, path) => text(value, path) ?? refuse(`${path} must be a string`);

/** The JSON path of member `key` (as the module writes it): `$.name`, or `$["odd key"]`. */
const childPath = (parent, key) => (/^[A-Za-z_]\w*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`);

/** A JS number or BigInt as exact decimal text, or `lost` with the number as JS writes it. */
const integerText = (value) => {
  if (typeof value === "bigint") return { digits: String(value) };
  const lost = !Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value));
  return lost ? { lost: String(value) } : { digits: String(value) };
};

/** `value` as JSON text; each number that had lost digits goes to `lost` as [path, shown]. */
const write = (value, path, depth, lost) => {
  if (depth > MAX_DEPTH) refuse(`${path} nests deeper than ${MAX_DEPTH} levels, or the object is cyclic`);
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(text(value, path));
  if (typeof value === "number" || typeof value === "bigint") {
    const { digits, lost: shown } = integerText(value);
    if (digits !== undefined) return digits;
    lost.push([path, shown]);
    // Digits already lost: the number as JS writes it (`1e+21`); null for one JSON cannot write.
    return Number.isFinite(value) ? shown : "null";
  }
  if (value === undefined || typeof value === "symbol" || typeof value === "function") {
    const kind = value === undefined ? "undefined" : typeof value === "symbol" ? "a Symbol" : "a function";
    refuse(`${path} is ${kind}, which JSON cannot carry`);
  }
  if (isArray(value, path)) return `[${items(value, path).map((item, i) => write(item, `${path}[${i}]`, depth + 1, lost))}]`;
  if (!isObject(value)) refuse(`${path} is not a JSON value`);
  const members = [];
  for (const [key, item] of entries(value, path)) {
    if (item === undefined) continue; // as JSON.stringify does
    const child = childPath(path, key);
    members.push(`${JSON.stringify(text(key, child))}:${write(item, child, depth + 1, lost)}`);
  }
  return `{${members}}`;
};

/** The headers as a JSON array of [name, value] pairs; `undefined` for none. */
const headerPairs = (headers) => {
  if (headers == null) return undefined;
  let pairs;
  if (isArray(headers, "headers")) {
    pairs = items(headers, "headers").map((pair, i) => {
      const path = `headers[${i}]`;
      const both = isArray(pair, path) ? items(pair, path) : [];
      return both.length === 2 ? both : [];
    });
  } else if (isObject(headers)) {
    pairs = entries(headers, "headers");
  } else {
    refuse("headers must be an object of strings or an array of [name, value] pairs");
  }
  return JSON.stringify(
    pairs.map(([name, value], i) => {
      const pair = [text(name, "header name"), text(value, "header value")];
      if (pair.includes(undefined)) refuse(`headers[${i}] must be a [name, value] pair of strings`);
      return pair;
    }),
  );
};

/** The fields as the module reads them: [name, kind, text] each. */
const fieldRows = (fields) => {
  if (!isObject(fields) || isArray(fields, "options.fields")) refuse("options.fields must be an object of field name → value");
  return entries(fields, "options.fields").map(([name, value]) => {
      const path = childPath("$", string(name, "options.fields"));
      if (typeof value === "boolean") return [name, "b", String(value)];
      const s = text(value, path);
      if (s !== undefined) return [name, "s", s];
      if (typeof value !== "number" && typeof value !== "bigint") {
        refuse(`fields${path.slice(1)} must be a string, bigint, number or boolean`);
      }
      const { digits, lost } = integerText(value);
      return digits !== undefined ? [name, "i", digits] : [name, "lost", lost];
    });
};

/** The epoch milliseconds for the module: now when not given; NaN for a value that is not a
 * number, which the module refuses in its own words (with the rule for any number). */
const epochOf = (epochMs) => (epochMs === undefined ? Date.now() : typeof epochMs === "number" ? epochMs : NaN);

/** The time zone's code for the module: KST when not given; `undefined` for a value that is not
 * a string, which the module refuses (after the epoch, whose error it names first). */
const zone = (timeZone) => (timeZone === undefined ? "KST" : typeof timeZone === "string" ? timeZone : undefined);

/** The correlation id's 4 random bytes as one number, from `options.random` or Web Crypto. */
const randomWord = (random) => {
  let bytes = new Uint8Array(4);
  if (random === undefined) {
    if (typeof globalThis.crypto?.getRandomValues !== "function") refuse("no crypto.getRandomValues here; pass options.random (4 bytes)");
    globalThis.crypto.getRandomValues(bytes);
  } else {
    if (!isObject(random)) refuse("options.random must be a Uint8Array or an array of numbers");
    boundedLength(random, "options.random");
    bytes = reading("options.random", () => Uint8Array.from(random));
    if (bytes.length !== 4) refuse("random must be 4 bytes (Uint8Array or number[])");
  }
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
};

export function boundary(wasm) {
  /** validate for the built-in operations (`document` undefined) or a loaded document's. */
  function validateIn(document, endpoint, headers, body) {
    const id = string(endpoint, "endpoint");
    const pairs = headerPairs(headers);
    let json;
    const lost = [];
    if (typeof body === "string") {
      if (body.length > MAX_BODY_CHARS) refuse(`body is larger than ${MAX_BODY_CHARS} bytes`);
      json = string(body, "body");
    } else if (isObject(body)) {
      json = write(body, "$", 0, lost);
    } else {
      refuse("body must be JSON text (a string) or a plain object");
    }
    const report = wasm.validateRequest(document, id, pairs, json, lost.length ? JSON.stringify(lost) : undefined, true);
    return report === undefined ? EMPTY_REPORT() : JSON.parse(report);
  }

  function validate(endpoint, headers, body) {
    if (typeof endpoint === "string" && headers == null && typeof body === "string" && body.length <= MAX_BODY_CHARS) {
      const report = wasm.validateRequest(undefined, endpoint, undefined, body, undefined, false);
      if (report === undefined) return EMPTY_REPORT();
      if (report !== "") return JSON.parse(report);
    }
    return validateIn(undefined, endpoint, headers, body);
  }

  function buildRequestIn(document, options) {
    if (!isObject(options)) refuse("buildRequest takes an options object");
    const option = (key) => property(options, key, `options.${key}`);
    const endpoint = string(option("endpoint"), "options.endpoint");
    const fields = fieldRows(option("fields"));
    const credentials = option("credentials");
    if (!isObject(credentials)) refuse("options.credentials must be { aspId, accessKey, secretKey }");
    const credential = (key) => string(property(credentials, key, `credentials.${key}`), `credentials.${key}`);
    const [aspId, accessKey, secretKey] = ["aspId", "accessKey", "secretKey"].map(credential);
    const timeZone = zone(option("timeZone"));
    const epochMs = option("epochMs");
    const random = randomWord(option("random"));
    const baseUrl = text(option("baseUrl"), "options.baseUrl") ?? null;
    const cryptoKeyId = text(option("cryptoKeyId"), "options.cryptoKeyId") ?? null;
    const allowInvalid = Boolean(option("allowInvalid"));
    const epoch = epochOf(epochMs);
    // The text options in one JSON array (crates/konaplate-wasm's TextOptions), the numbers apart.
    const texts = JSON.stringify([endpoint, fields, aspId, accessKey, secretKey, timeZone ?? null, baseUrl, cryptoKeyId]);
    return JSON.parse(wasm.buildRequestText(document, texts, epoch, random, allowInvalid));
  }

  /** signBody for any arguments, each checked. */
  function signChecked(body, secretKey, epochMs, timeZone) {
    const [b, s] = [string(body, "body"), string(secretKey, "secretKey")];
    const epoch = epochOf(epochMs);
    return wasm.signText(b, s, epoch, zone(timeZone), true);
  }

  function signBody(body, secretKey, epochMs, timeZone) {
    const typed = typeof body === "string" && typeof secretKey === "string" &&
      (epochMs === undefined || typeof epochMs === "number") && (timeZone === undefined || typeof timeZone === "string");
    if (typed) {
      const token = wasm.signText(body, secretKey, epochMs ?? Date.now(), timeZone ?? "KST", false);
      if (token !== undefined) return token;
    }
    return signChecked(body, secretKey, epochMs, timeZone);
  }

  function verifyTranToken(token, body, secretKey) {
    const args = [string(token, "token"), string(body, "body"), string(secretKey, "secretKey")];
    return JSON.parse(wasm.verifyText(...args));
  }

  return {
    validate,
    buildRequest: (options) => buildRequestIn(undefined, options),
    signBody,
    verifyTranToken,
    version: () => VERSION,
    // The general paths, for a loaded document (konaplate/document's `load`) and for the tests
    // that hold the text paths to them (js/test/boundary.test.mjs).
    validateIn,
    buildRequestIn,
    signChecked,
  };
}
