// The bad-input table for JavaScript consumers (the JS package's tests, the page's e2e tests):
// the rows of bad-inputs.json, and each row's body and headers built the way the Rust tests build
// them (crates/konaplate-cli/tests/bad_inputs/table.rs). The file's "schema" says what each key means.
import { readFileSync } from "node:fs";

export const table = JSON.parse(readFileSync(new URL("./bad-inputs.json", import.meta.url), "utf8"));

/** Rows that run on `surface` ("cli", "js", "server" or "console"). */
export const rowsFor = (surface) => table.rows.filter((r) => r.surfaces.includes(surface));

/** A text that may be a {concat: [[text, times]...]} spec. */
export const text = (spec) => (typeof spec === "string" ? spec : spec.concat.map(([t, n]) => t.repeat(n)).join(""));

/** The row's body as JavaScript receives it: text, or a JS value for `jsObject` rows. */
export function body(spec) {
  if (typeof spec === "string" || spec.concat) return text(spec);
  if (spec.jsObject) return JSON.parse(spec.jsObject);
  if (spec.hex) throw new Error("a body of raw bytes is for the CLI and the server only");
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

/** A well-formed tran-token made wrong in one documented way. */
export function transformToken(token, how) {
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

/**
 * [name, value] pairs: valid headers for the table's signing time over `signed`, changed as the
 * row says (token, rename, case, set, remove, repeat, add, in that order). `konaplate` is the
 * package's { buildRequest, signBody } (so this module needs no import of it).
 */
export function headers(spec, signed, konaplate) {
  const { secret, signing } = table;
  const epochMs = signing.epochMs + (spec.signedAtOffsetMs ?? 0);
  const credentials = { aspId: "KPSANDBOX000001", accessKey: "kp_sandbox_access_key_000000000000000000", secretKey: secret };
  const random = signing.randomHex.match(/../g).map((h) => parseInt(h, 16));
  const fields = { sequenceId: "H", userId: "1", amount: 1, oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" };
  const built = konaplate.buildRequest({ endpoint: "charge", fields, credentials, epochMs, random, timeZone: signing.zone });
  let pairs = Object.entries(built.headers);
  const token = konaplate.signBody(signed, spec.signedWithSecret ?? secret, epochMs, signing.zone);
  const find = (name) => pairs.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
  const i = find("X-KM-Tran-Token");
  pairs[i][1] = spec.token ? transformToken(token, spec.token) : token;
  if (spec.token && pairs[i][1] === token) throw new Error(`the token transform ${spec.token} changed nothing`);
  for (const [name, renamed] of Object.entries(spec.rename ?? {})) pairs[find(name)][0] = renamed;
  if (spec.case === "lower") pairs = pairs.map(([n, v]) => [n.toLowerCase(), v]);
  if (spec.case === "upper") pairs = pairs.map(([n, v]) => [n.toUpperCase(), v]);
  for (const [name, value] of Object.entries(spec.set ?? {})) {
    const j = find(name);
    if (j >= 0) pairs[j][1] = text(value);
    else pairs.push([name, text(value)]);
  }
  const removed = (spec.remove ?? []).map((n) => n.toLowerCase());
  pairs = pairs.filter(([n]) => !removed.includes(n.toLowerCase()));
  for (const name of spec.repeat ?? []) pairs.push([...pairs[find(name)]]);
  for (const [name, value] of spec.add ?? []) pairs.push([name, text(value)]);
  return pairs;
}

/** A violation's message names its field (or the body, for the root) in English and in Korean. */
export function namesTheField(v) {
  const hangul = /[가-힣]/.test(v.message.ko);
  if (v.location === "$") return hangul && /body/.test(v.message.en) && /본문/.test(v.message.ko);
  const field = v.location.split(/[.$]/).pop();
  return hangul && v.message.en.includes(field) && v.message.ko.includes(field);
}
