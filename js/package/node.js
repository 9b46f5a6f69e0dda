// Node 18+: instantiate the Wasm synchronously from the file next to this one.
import { readFileSync } from "node:fs";
import { initSync } from "./konaplate.js";

initSync({ module: readFileSync(new URL("./konaplate_bg.wasm", import.meta.url)) });

export { validate, buildRequest, signBody, verifyTranToken, version } from "./konaplate.js";
