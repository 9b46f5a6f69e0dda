// The loader of bench/page/split.mjs's experiment (not part of the page): included before
// konaplate-try-it.js, it remembers the console instance's exports (the instance whose imports
// have the split's `kp` namespace) and, the first time a moved function is called (the console's
// `kp.load` import), fetches and instantiates the second module synchronously with them. A
// synchronous XMLHttpRequest cannot ask for an ArrayBuffer, so the bytes come as x-user-defined
// text; the module is small enough for a synchronous compile on the main thread.
const url = new URL("konaplate-console_split.wasm", import.meta.url);
let exportsOfA = null;
globalThis.__kpSplitLoads = 0;
const [streaming, plain] = [WebAssembly.instantiateStreaming, WebAssembly.instantiate];
const keep = (imports) => (result) => {
  if (imports?.kp) exportsOfA = (result.instance ?? result).exports;
  return result;
};
WebAssembly.instantiateStreaming = (source, imports) => streaming.call(WebAssembly, source, imports).then(keep(imports));
WebAssembly.instantiate = (source, imports) => plain.call(WebAssembly, source, imports).then(keep(imports));
globalThis.__kpSplitLoad = () => {
  globalThis.__kpSplitLoads++;
  const xhr = new XMLHttpRequest();
  xhr.open("GET", url, false);
  xhr.overrideMimeType("text/plain; charset=x-user-defined");
  xhr.send();
  const text = xhr.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  // Its element segment writes the moved functions into the console's split table.
  new WebAssembly.Instance(new WebAssembly.Module(bytes), { A: exportsOfA });
};
