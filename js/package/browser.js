// Browsers and bundlers: fetch the Wasm next to this module once (top-level await). Its bytes are
// what a bundle ships, so this entry takes the size build; node.js takes the speed build.
// Fetched and compiled here, then instantiated through the glue's initSync: a bundle of this
// entry then keeps none of the glue's own loader (its fetch and instantiateStreaming paths,
// 392 B gzip). The module's functions are named one by one, so a bundle keeps only these.
import { initSync, validateRequest, buildRequestText, signText, verifyText } from "./konaplate.js";
import { boundary } from "./boundary.js";

const response = await fetch(new URL("./konaplate_bg.wasm", import.meta.url));
if (!response.ok) throw new Error(`konaplate: loading konaplate_bg.wasm failed (HTTP ${response.status})`);
initSync({ module: await WebAssembly.compile(await response.arrayBuffer()) });

export const { validate, buildRequest, signBody, verifyTranToken, version } = boundary({
  validateRequest, buildRequestText, signText, verifyText,
});
