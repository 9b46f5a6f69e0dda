// konaplate/crypto on Node 20+: message encryption in its own Wasm module, loaded only here.
import { readFileSync } from "node:fs";
import { initSync } from "./konaplate_crypto.js";

initSync({ module: readFileSync(new URL("./konaplate_crypto_bg.wasm", import.meta.url)) });

export { encryptBody, decryptBody } from "./konaplate_crypto.js";
