// Package size (not a test): raw and gzip bytes of each entry's Wasm and JS glue in pkg/.
// Target (issue 15): <= 50 KB gzip for the main entry's Wasm + glue (each build of it). The
// browser entries are one bundled file each (scripts/build-pkg.sh); the Node entries import theirs. konaplate/document and
// konaplate/crypto are other entries, each its own module, loaded only by code importing them.
// With KP_FLOOR (scripts/bench-js.sh), the floor module too (bench/wasm-floor: serde_json, HMAC-SHA256
// and Base64 with no rule, no text and no catalog), built like each build of the main entry.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dir = new URL("../node_modules/konaplate/", import.meta.url);
const ENTRIES = {
  // The main entry twice, the same Rust: what a bundle ships (built for size) and what Node reads
  // from disk (built for speed). The target is the first; both are printed against it.
  "main entry for browsers and bundlers (konaplate/browser, built for size)": ["konaplate_bg.wasm", "browser.js"],
  "main entry for Node (konaplate/node, built for speed)": ["konaplate_node_bg.wasm", "konaplate_node.js", "node.js", "boundary.js"],
  "konaplate/document for browsers and bundlers (built for size)": ["konaplate_document_bg.wasm", "document-browser.js"],
  "konaplate/document for Node (built for speed)": ["konaplate_document_node_bg.wasm", "konaplate_document_node.js", "document.js", "document-node.js", "boundary.js"],
  "konaplate/crypto": ["konaplate_crypto_bg.wasm", "konaplate_crypto.js", "crypto-node.js", "crypto-browser.js"],
};
const floor = process.env.KP_FLOOR;
if (floor) {
  ENTRIES["floor built like the browser entry (bench/wasm-floor: serde_json + HMAC + Base64 only)"] = ["floor_small_bg.wasm", "floor_small.js"];
  ENTRIES["floor built like the Node entry"] = ["floor_bg.wasm", "floor.js"];
}
for (const [entry, files] of Object.entries(ENTRIES)) {
  let raw = 0, gz = 0;
  console.log(entry);
  for (const file of files) {
    const bytes = readFileSync(entry.startsWith("floor") ? join(floor, file) : new URL(file, dir));
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length; gz += z;
    console.log(`  ${file.padEnd(28)} ${String(bytes.length).padStart(8)} B raw ${String(z).padStart(8)} B gzip`);
  }
  const target = entry.startsWith("main") ? ` (target <= 51200 B gzip): ${gz <= 51200 ? "met" : "NOT met"}` : "";
  console.log(`  ${"total".padEnd(28)} ${String(raw).padStart(8)} B raw ${String(gz).padStart(8)} B gzip${target}`);
}
