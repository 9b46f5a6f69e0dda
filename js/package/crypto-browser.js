// konaplate/crypto in browsers and bundlers: fetches its own Wasm once, only when imported.
import init from "./konaplate_crypto.js";

await init({ module_or_path: new URL("./konaplate_crypto_bg.wasm", import.meta.url) });

export { encryptBody, decryptBody } from "./konaplate_crypto.js";
