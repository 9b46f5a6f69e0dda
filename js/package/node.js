// Node 18+: instantiate the Wasm synchronously from the file next to this one. Node reads it from
// disk, so this entry takes the speed build (konaplate_node*); browser.js takes the size build.
import { readFileSync } from "node:fs";
import * as wasm from "./konaplate_node.js";
import { textPaths } from "./text-paths.js";

wasm.initSync({ module: readFileSync(new URL("./konaplate_node_bg.wasm", import.meta.url)) });

export const { validate, signBody } = textPaths(wasm);
export { buildRequest, verifyTranToken, version } from "./konaplate_node.js";
