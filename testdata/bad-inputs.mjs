// The bad-input table (bad-inputs.json) for JavaScript consumers: the rows, and a row's body
// spec expanded to the exact text (or, for `jsObject` rows, the JS value) it stands for.
import { readFileSync } from "node:fs";

export const table = JSON.parse(readFileSync(new URL("./bad-inputs.json", import.meta.url), "utf8"));

const text = (spec) => (typeof spec === "string" ? spec : spec.concat.map(([t, n]) => t.repeat(n)).join(""));

/** The row's body: text, or a JS value for `jsObject` rows. */
export function body(spec) {
  if (typeof spec === "string" || spec.concat) return text(spec);
  if (spec.jsObject) return JSON.parse(spec.jsObject);
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
