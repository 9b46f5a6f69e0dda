// Browsers and bundlers: fetch the Wasm next to this module once (top-level await). Its bytes are
// what a bundle ships, so this entry takes the size build; node.js takes the speed build.
import * as wasm from "./konaplate.js";
import { boundary } from "./boundary.js";

await wasm.default({ module_or_path: new URL("./konaplate_bg.wasm", import.meta.url) });

export const { validate, buildRequest, signBody, verifyTranToken, version } = boundary(wasm);
