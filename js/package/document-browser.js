// konaplate/document in browsers and bundlers: fetches its own Wasm once, only when imported.
import init from "./konaplate_document.js";

await init({ module_or_path: new URL("./konaplate_document_bg.wasm", import.meta.url) });

export { validate, buildRequest, signBody, verifyTranToken, describeCode, catalog, version } from "./konaplate_document.js";
export { load } from "./document.js";
