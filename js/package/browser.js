// Browsers and bundlers: fetch the Wasm next to this module once (top-level await). Its bytes are
// what a bundle ships, so this entry takes the size build; node.js takes the speed build. The
// module's functions are named one by one (no namespace object), so a bundle keeps only these.
import init, { validateRequest, buildRequestText, signText, verifyText } from "./konaplate.js";
import { boundary } from "./boundary.js";

await init({ module_or_path: new URL("./konaplate_bg.wasm", import.meta.url) });

export const { validate, buildRequest, signBody, verifyTranToken, version } = boundary({
  validateRequest, buildRequestText, signText, verifyText,
});
