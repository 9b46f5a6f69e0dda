// Browsers and bundlers: fetch the Wasm next to this module once (top-level await). Its bytes are
// what a bundle ships, so this entry takes the size build; node.js takes the speed build.
import init from "./konaplate.js";

await init({ module_or_path: new URL("./konaplate_bg.wasm", import.meta.url) });

export { validate, buildRequest, signBody, verifyTranToken, version } from "./konaplate.js";
