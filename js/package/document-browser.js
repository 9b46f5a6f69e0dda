// konaplate/document in browsers and bundlers: fetches its own Wasm once, only when imported.
// Built for size, as browser.js's (document-node.js takes the speed build).
import * as wasm from "./konaplate_document.js";
import { documentEntry } from "./document.js";

await wasm.default({ module_or_path: new URL("./konaplate_document_bg.wasm", import.meta.url) });

export const { validate, buildRequest, signBody, verifyTranToken, version, describeCode, catalog, load } = documentEntry(wasm);
