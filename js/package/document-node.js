// konaplate/document on Node 18+: the main entry's functions plus other documents (`load`) and
// the catalog's texts (`catalog`, `describeCode`), in their own Wasm module, loaded only here.
// Built for speed, as node.js's (document-browser.js takes the size build).
import { readFileSync } from "node:fs";
import * as wasm from "./konaplate_document_node.js";
import { documentEntry } from "./document.js";

wasm.initSync({ module: readFileSync(new URL("./konaplate_document_node_bg.wasm", import.meta.url)) });

export const { validate, buildRequest, signBody, verifyTranToken, version, describeCode, catalog, load } = documentEntry(wasm);
