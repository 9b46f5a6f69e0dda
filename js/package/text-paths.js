// validate and signBody as the package exports them, over one instance of the module. The
// module's own `validate` and `signBody` take any JS value and name what is wrong with it, but
// each string argument then crosses through the glue separately, and every report comes back as
// JSON text to parse. The common call (strings, signBody's epochMs a number) takes the module's
// `validateText` and `signText` instead (crates/konaplate-wasm/src/text_paths.rs): same rules,
// same errors, and a clean body's report is made here. Any other call, and any text those two
// hand back (null or undefined: it held U+FFFD, which a lone surrogate decodes to), goes to the
// general export. Shared by node.js, browser.js, document-node.js and document-browser.js.

// The module's body limit (MAX_BODY_CHARS in crates/konaplate-wasm): a longer string goes to the
// general export, which refuses it before copying it into Wasm.
const MAX_BODY_CHARS = 4 * 1024 * 1024;

export function textPaths(wasm) {
  function validate(endpoint, headers, body) {
    if (typeof endpoint === "string" && headers == null && typeof body === "string" && body.length <= MAX_BODY_CHARS) {
      const report = wasm.validateText(endpoint, body);
      if (report === undefined) return { violations: [], errorCount: 0, warningCount: 0, noteCount: 0 };
      if (report !== null) return JSON.parse(report);
    }
    return wasm.validate(endpoint, headers, body);
  }
  function signBody(body, secretKey, epochMs, timeZone) {
    if (
      typeof body === "string" && typeof secretKey === "string" &&
      (epochMs === undefined || typeof epochMs === "number") && (timeZone === undefined || typeof timeZone === "string")
    ) {
      const token = wasm.signText(body, secretKey, epochMs === undefined ? Date.now() : epochMs, timeZone ?? "KST");
      if (token !== undefined) return token;
    }
    return wasm.signBody(body, secretKey, epochMs, timeZone);
  }
  return { validate, signBody };
}
