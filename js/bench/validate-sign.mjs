// Benchmark (not a test): validate + sign the seed ChargeSync request, konaplate (Wasm) against a
// plain-JS baseline doing the same job (ajv with a JSON Schema of the seed body + node:crypto
// HMAC), in the same run. Prints ns/op for both and the ratio. Target: konaplate >= 1.5x faster.
// With KP_FLOOR (a directory: scripts/bench-js.sh builds bench/wasm-floor there), the floor too,
// in the same rounds: a Wasm module built like the main entry that only reads the body through
// serde_json (a streaming scan, or a whole Value) and signs it, and the bare crossing of the body.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Ajv from "ajv";
import * as konaplate from "konaplate";

const ITERATIONS = Number(process.env.ITERATIONS ?? 40_000);
const SECRET = "bench-secret";
const body = '{"sequenceId":"S-1","userId":1234567890123456789,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}';
const EPOCH = 1667876894608;

const ajv = new Ajv({ allErrors: true });
const schema = {
  type: "object",
  properties: {
    sequenceId: { type: "string", minLength: 1, maxLength: 30 },
    // ajv sees a JS number here: 19-digit ids are already rounded; the baseline cannot do better.
    userId: { type: "integer", minimum: 1, maximum: 9999999999999999999 },
    amount: { type: "integer", minimum: 1, maximum: 9999999999 },
    oneTimeToken: { type: "string", minLength: 16, maxLength: 16 },
    dcvv: { type: "string", minLength: 3, maxLength: 3 },
    merchantId: { type: "string", minLength: 1, maxLength: 15 },
  },
  required: ["sequenceId", "userId", "amount", "oneTimeToken", "dcvv", "merchantId"],
};
const check = ajv.compile(schema);
const baseline = () => {
  const ok = check(JSON.parse(body));
  const mac = createHmac("sha256", SECRET).update(body).digest("base64");
  return ok && mac.length === 44;
};
const floorDir = process.env.KP_FLOOR && resolve(process.env.KP_FLOOR);
const floor = floorDir ? await import(pathToFileURL(join(floorDir, "floor.js")).href) : null;
floor?.initSync({ module: readFileSync(join(floorDir, "floor_bg.wasm")) });
// konaplate's validate + signBody, from one build of the main entry.
const validateAndSign = (m) => () =>
  m.validate("charge", null, body).errorCount === 0 && m.signBody(body, SECRET, EPOCH, "KST").length === 67;
const ours = validateAndSign(konaplate);
// The browser entry's build (for size) of the same Rust, run here in Node beside the Node entry's
// (for speed), which `konaplate` is under Node.
const packaged = (file) => new URL(`../node_modules/konaplate/${file}`, import.meta.url);
const { boundary } = await import(packaged("boundary.js").href);
const small = await import(packaged("konaplate.js").href);
small.initSync({ module: readFileSync(packaged("konaplate_bg.wasm")) });
const oursSmall = validateAndSign(boundary(small));

// On a shared machine the load changes during a run: the two are measured in alternating
// rounds and compared on their medians, so both see the same conditions.
const ROUNDS = Number(process.env.ROUNDS ?? 5);

function time(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`validate + sign of the seed request, ${ROUNDS} alternating rounds of ${ITERATIONS} iterations, node ${process.version}`);
const runs = [
  ["baseline (ajv + node:crypto)", baseline],
  ["konaplate (Wasm, the Node entry)", ours],
  ["konaplate (the browser entry's build)", oursSmall],
  ...(floor ? [
    ["floor: serde_json scan + HMAC", () => floor.scanAndSign(body, SECRET)?.length === 44],
    ["floor: serde_json Value + HMAC", () => floor.parseAndSign(body, SECRET)?.length === 44],
    ["floor: the body's crossing only", () => floor.crossOnly(body).length === 44],
  ] : []),
];
for (const [name, fn] of runs) {
  for (let i = 0; i < ITERATIONS / 10; i++) if (!fn()) throw new Error(`${name} failed`);
}
const times = runs.map(() => []);
for (let r = 0; r < ROUNDS; r++) runs.forEach(([, fn], i) => times[i].push(time(fn, ITERATIONS)));
const show = (xs) => xs.map((x) => x.toFixed(0)).join(" ");
const base = median(times[0]);
runs.forEach(([name], i) => {
  const m = median(times[i]);
  const vs = i === 0 ? "" : `  ${(base / m).toFixed(2)}x the baseline's speed`;
  console.log(`${name.padEnd(42)} ${m.toFixed(0).padStart(8)} ns/op median${vs} (rounds: ${show(times[i])})`);
});
const ratio = base / median(times[1]);
console.log(`ratio: konaplate is ${ratio.toFixed(2)}x the baseline's speed (target >= 1.5x): ${ratio >= 1.5 ? "met" : "NOT met"}`);
