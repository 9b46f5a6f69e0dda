// konaplate/document on Node 18+: the main entry's functions plus other documents (`load`) and
// the catalog's texts (`catalog`, `describeCode`), in their own Wasm module, loaded only here.
import { readFileSync } from "node:fs";
import { initSync } from "./konaplate_document.js";

initSync({ module: readFileSync(new URL("./konaplate_document_bg.wasm", import.meta.url)) });

export { validate, buildRequest, signBody, verifyTranToken, describeCode, catalog, version } from "./konaplate_document.js";
export { load } from "./document.js";
