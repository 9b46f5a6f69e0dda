// konaplate/document in browsers and bundlers: fetches its own Wasm once, only when imported.
// Built for size, as browser.js's (document-node.js takes the speed build).
import * as wasm from "./konaplate_document.js";
import { loader } from "./document.js";
import { textPaths } from "./text-paths.js";

await wasm.default({ module_or_path: new URL("./konaplate_document_bg.wasm", import.meta.url) });

export const { validate, signBody } = textPaths(wasm);
export { buildRequest, verifyTranToken, describeCode, catalog, version } from "./konaplate_document.js";
export const load = loader(wasm);
