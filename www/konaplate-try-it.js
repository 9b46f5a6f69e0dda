// konaplate Try It: the one module script a page needs (see README.md).
//   <script type="module" src="https://…/konaplate-try-it.js"></script>
//   <konaplate-try-it endpoint="charge" language="en"></konaplate-try-it>
// Each <konaplate-try-it> gets its own console in an open shadow root: host CSS and console CSS
// never touch. Attributes: spec (URL of an OpenAPI 3.1 document whose operations replace the
// built-in ones), operation (or endpoint), language, target, server-url, permalink, heading
// (show the console's own heading; `title`, its old name, still works, but HTML shows a title's
// value as a tooltip over the whole console).
// mount(element, options) and unmount(element) are exported too (options.spec is the
// document's JSON text).
//
// Two builds of the console, each a Wasm module next to this file, fetched when a console needs
// it: konaplate-console (the built-in operations: the page's first load) and konaplate-console-spec
// (the same console with the document loader, for a console given a spec). A page uses one of
// them, or both if it has consoles of both kinds. The built-in one comes in two modules: the
// second (konaplate-console_rest.wasm) is fetched once the console is up (`secondPart`).
const here = new URL(".", import.meta.url);

/** A Wasm module by file name (a console build or an on-demand part): `load()` fetches and
 * starts it once (again after a failure); `module` once it has started. */
function build(base) {
  const it = { module: null, loading: null };
  it.load = () => {
    it.loading ??= import(`./${base}.js`).then(async (m) => {
      const exports = await m.default({ module_or_path: new URL(`${base}_bg.wasm`, here) });
      if (m.__kpSplitLoader) secondPart(m, base, exports);
      return (it.module = m);
    });
    it.loading.catch(() => (it.loading = null)); // a later call tries again
    return it.loading;
  };
  return it;
}

/**
 * The second module of a console build split in two by scripts/split-console.mjs (the built-in
 * console: what its first paint and typing do not run, and the constants only that reaches). It
 * is fetched and compiled once the first is up, and instantiated as soon as it is compiled: its
 * functions then fill the first module's table and its constants the first module's memory. If
 * the console calls one of its functions before that, the call waits while it is fetched with a
 * synchronous request.
 */
function secondPart(glue, base, exportsOfFirst) {
  const url = new URL(`${base}_rest.wasm`, here);
  let instance = null;
  const instantiate = (compiled) => (instance ??= new WebAssembly.Instance(compiled, { A: exportsOfFirst }));
  setTimeout(() =>
    fetch(url)
      .then((response) => (response.ok ? response.arrayBuffer() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((bytes) => WebAssembly.compile(bytes))
      .then(instantiate)
      .catch(() => {}), // the first call fetches it again
  );
  glue.__kpSplitLoader(() => {
    try {
      instantiate(compileNow(url));
    } catch (error) {
      // The call that needed it cannot go on, and this build's consoles stop answering: say so.
      for (const [root, built] of mountedWith) {
        if (built !== glue) continue;
        const message = document.createElement("p");
        message.setAttribute("role", "alert");
        message.textContent = error.message;
        root.append(message);
      }
      throw error;
    }
  });
}

/** `url`'s Wasm module, fetched and compiled now (a synchronous request cannot ask for an
 * ArrayBuffer: the bytes come as x-user-defined text). */
function compileNow(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.overrideMimeType("text/plain; charset=x-user-defined");
  try {
    request.send();
  } catch {
    // A network error: `status` stays 0.
  }
  if (request.status !== 200) {
    const status = request.status ? `HTTP ${request.status}` : "no answer";
    throw new Error(`konaplate: part of the console (${url.pathname}) could not be loaded (${status}): reload the page. 콘솔의 일부를 불러오지 못했습니다. 페이지를 새로 고치세요.`);
  }
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return new WebAssembly.Module(bytes);
}

const builtIn = build("konaplate-console");
const withDocuments = build("konaplate-console-spec");

// `await ready`, then `mount(root, options)` without a spec builds the console before it returns
// (a thenable rather than a promise, so that importing this file fetches nothing by itself).
const ready = { then: (ok, failed) => builtIn.load().then(() => undefined).then(ok, failed) };

// Parts needed only after a user action are Wasm modules of their own, fetched when a console
// asks for one by name: "crypto" (message encryption, RSA-OAEP + AES-GCM JWE: an Encrypted
// operation picked, or a response carrying encData), "diagnose" (the Diagnose panel: its
// paste typed into, or Diagnose pressed) and "sandbox" (the in-browser sandbox: the first Send
// to it, or "+5 min" on it). The first load carries none of them. One load per module and page,
// shared by every console; their calls are synchronous.
const ON_DEMAND = new Map(["crypto", "diagnose", "sandbox"].map((name) => [name, build(`konaplate-console-${name}`)]));
// "operations" is data, not Wasm: the fields, codes, Test Data and links of the built-in
// operations beyond the charge flow (konaplate-operations.txt), which the first load knows by
// name only; fetched the first time a console needs one of them. Its namespace has `text()`.
function textFile(file) {
  const it = {};
  it.load = () => {
    it.loading ??= fetch(new URL(file, here)).then(async (response) => {
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      const text = await response.text();
      return { text: () => text };
    });
    it.loading.catch(() => (it.loading = null)); // a later call tries again
    return it.loading;
  };
  return it;
}
ON_DEMAND.set("operations", textFile("konaplate-operations.txt"));
function loadModule(name) {
  return ON_DEMAND.get(name)?.load() ?? Promise.reject(new Error(`no on-demand module "${name}"`));
}

// Which build each mounted root's console came from, for unmount (and to tell every console when
// a part of it could not be loaded).
const mountedWith = new Map();

/**
 * Builds a console into `root` (an element or a shadow root); a promise, rejected with the
 * console's error (a broken `spec` names its JSON pointer). Once the build it needs is loaded
 * (`await ready` for one without `spec`), the console is built before `mount` returns.
 */
function mount(root, options = {}) {
  const wanted = options.spec == null ? builtIn : withDocuments;
  const start = (m) => {
    m.mount(root, { loadModule, ...options });
    mountedWith.set(root, m);
  };
  if (!wanted.module) return wanted.load().then(start);
  try {
    start(wanted.module);
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Removes the console mounted into `root` and releases its listeners (nothing if it has none). */
function unmount(root) {
  mountedWith.get(root)?.unmount(root);
  mountedWith.delete(root);
}

class KonaplateTryIt extends HTMLElement {
  #state = "off";

  async connectedCallback() {
    if (this.#state !== "off") return; // moved
    this.#state = "wait";
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    root.replaceChildren();
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("konaplate-try-it.css", here).href;
    root.append(style);
    try {
      const specUrl = this.getAttribute("spec");
      let spec;
      if (specUrl) {
        const response = await fetch(new URL(specUrl, document.baseURI));
        if (!response.ok) throw new Error(`spec ${specUrl}: HTTP ${response.status} (문서를 받지 못했습니다)`);
        spec = await response.text();
      }
      await mount(root, {
        spec,
        operation: this.getAttribute("operation") ?? undefined,
        endpoint: this.getAttribute("endpoint") ?? undefined,
        language: this.getAttribute("language") ?? undefined,
        target: this.getAttribute("target") ?? undefined,
        serverUrl: this.getAttribute("server-url") ?? undefined,
        permalink: this.hasAttribute("permalink"),
        heading: this.hasAttribute("heading") || this.hasAttribute("title"),
      });
      this.#state = "on";
      this.dataset.ready = "true";
      if (!this.isConnected) this.disconnectedCallback();
    } catch (error) {
      this.#state = "off";
      const message = document.createElement("p");
      message.setAttribute("role", "alert");
      message.textContent = `konaplate: the console could not start (${error?.message ?? error}). 콘솔을 시작하지 못했습니다.`;
      root.append(message);
    }
  }

  // Removed, not moved (that reconnects at once): release the console.
  disconnectedCallback() {
    queueMicrotask(() => {
      if (this.isConnected || this.#state !== "on") return;
      unmount(this.shadowRoot);
      this.#state = "off";
      delete this.dataset.ready;
    });
  }
}

if (!customElements.get("konaplate-try-it")) customElements.define("konaplate-try-it", KonaplateTryIt);

export { mount, unmount, ready };
