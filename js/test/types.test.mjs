// The package's .d.ts: a strict usage example compiles, and a wrong call is rejected.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

const tsc = new URL("../node_modules/typescript/bin/tsc", import.meta.url).pathname;
const compile = (file) =>
  spawnSync("node", [tsc, "--strict", "--noEmit", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext",
    new URL(`../types/${file}`, import.meta.url).pathname], { encoding: "utf8" });

test("a strict TypeScript usage example type-checks", () => {
  const r = compile("usage.ts");
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("a wrong call is a compile error naming the bad values", () => {
  const r = compile("wrong.ts");
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /"refund"/);
  assert.match(r.stdout, /error TS/);
});
