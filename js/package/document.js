// konaplate/document's functions over one instance of its module (document-node.js and
// document-browser.js instantiate their build of it first): the main entry's, plus the catalog's
// texts and `load(documentText)`, the package's functions for the operations of another OpenAPI
// 3.1 document. The Wasm keeps the loaded document; this wraps its index in a plain object.
import { boundary, string } from "./boundary.js";

export function documentEntry(wasm) {
  const { validateIn, buildRequestIn, signChecked, ...main } = boundary(wasm);
  return {
    ...main,
    describeCode: (code) => {
      const info = wasm.describeCode(string(code, "code"));
      return info === undefined ? undefined : JSON.parse(info);
    },
    catalog: () => JSON.parse(wasm.catalog()),
    load(documentText) {
      const index = wasm.loadDocument(string(documentText, "document"));
      return Object.freeze({
        validate: (endpoint, headers, body) => validateIn(index, endpoint, headers, body),
        buildRequest: (options) => buildRequestIn(index, options),
        catalog: () => JSON.parse(wasm.catalogOf(index)),
      });
    },
  };
}
