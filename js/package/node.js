// Node 18+: instantiate the Wasm synchronously from the file next to this one. Node reads it from
// disk, so this entry takes the speed build (konaplate_node*); browser.js takes the size build.
import { readFileSync } from "node:fs";
import * as wasm from "./konaplate_node.js";
import { boundary } from "./boundary.js";

wasm.initSync({ module: readFileSync(new URL("./konaplate_node_bg.wasm", import.meta.url)) });

export const { validate, buildRequest, signBody, verifyTranToken, version } = boundary(wasm);
