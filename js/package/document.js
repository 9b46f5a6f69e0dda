// `load(documentText)`: the package's functions for the operations of another OpenAPI 3.1
// document. The Wasm keeps the loaded document; this wraps its index in a plain object.
// Shared by document-node.js and document-browser.js, which instantiate their build of the
// module first and hand its exports here.
export function loader({ loadDocument, validateIn, buildRequestIn, catalogOf }) {
  return function load(documentText) {
    const index = loadDocument(documentText);
    return Object.freeze({
      validate: (endpoint, headers, body) => validateIn(index, endpoint, headers, body),
      buildRequest: (options) => buildRequestIn(index, options),
      catalog: () => catalogOf(index),
    });
  };
}
