// Benchmark (not a test): validate + sign the seed ChargeSync request, konaplate (Wasm) against a
// plain-JS baseline doing the same job (ajv with a JSON Schema of the seed body + node:crypto
// HMAC), in the same run. Prints ns/op for both and the ratio. Target: konaplate >= 1.5x faster.
import { createHmac } from "node:crypto";
import Ajv from "ajv";
import { validate, signBody } from "konaplate";

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
const ours = () => validate("charge", null, body).errorCount === 0 && signBody(body, SECRET, EPOCH, "KST").length === 67;

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
for (const [name, fn] of [["baseline", baseline], ["konaplate", ours]]) {
  for (let i = 0; i < ITERATIONS / 10; i++) if (!fn()) throw new Error(`${name} failed`);
}
const base = [], kp = [];
for (let r = 0; r < ROUNDS; r++) {
  base.push(time(baseline, ITERATIONS));
  kp.push(time(ours, ITERATIONS));
}
const show = (xs) => xs.map((x) => x.toFixed(0)).join(" ");
console.log(`${"baseline (ajv + node:crypto)".padEnd(34)} ${median(base).toFixed(0).padStart(8)} ns/op median (rounds: ${show(base)})`);
console.log(`${"konaplate (Wasm)".padEnd(34)} ${median(kp).toFixed(0).padStart(8)} ns/op median (rounds: ${show(kp)})`);
const ratio = median(base) / median(kp);
console.log(`ratio: konaplate is ${ratio.toFixed(2)}x the baseline's speed (target >= 1.5x): ${ratio >= 1.5 ? "met" : "NOT met"}`);
