// Package size (not a test): raw and gzip bytes of the Wasm and the JS glue in pkg/.
// Target: <= 50 KB gzip for Wasm + glue.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dir = new URL("../node_modules/konaplate/", import.meta.url);
let raw = 0, gz = 0;
for (const file of ["konaplate_bg.wasm", "konaplate.js", "node.js", "browser.js"]) {
  const bytes = readFileSync(new URL(file, dir));
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += z;
  console.log(`${file.padEnd(20)} ${String(bytes.length).padStart(8)} B raw ${String(z).padStart(8)} B gzip`);
}
console.log(`${"total".padEnd(20)} ${String(raw).padStart(8)} B raw ${String(gz).padStart(8)} B gzip (target <= 51200 B gzip): ${gz <= 51200 ? "met" : "NOT met"}`);
