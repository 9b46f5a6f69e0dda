// konaplate Try It: the one module script a page needs (see README.md).
//   <script type="module" src="https://…/konaplate-try-it.js"></script>
//   <konaplate-try-it endpoint="charge" language="en"></konaplate-try-it>
// Each <konaplate-try-it> gets its own console (the Wasm module next to this file) in an open
// shadow root: host CSS and console CSS never touch. Attributes: spec (URL of an OpenAPI 3.1
// document whose operations replace the built-in ones), operation (or endpoint), language,
// target, server-url, permalink, title. mount(element, options) and unmount(element) are
// exported too (options.spec is the document's JSON text).
import init, { mount as mountConsole, unmount } from "./konaplate-console.js";

const here = new URL(".", import.meta.url);
const ready = init({ module_or_path: new URL("konaplate-console_bg.wasm", here) });

// Parts needed only after a user action are Wasm modules of their own, fetched when a console
// asks for one by name: "crypto" (message encryption, RSA-OAEP + AES-GCM JWE: an Encrypted
// operation picked, or a response carrying encData), "diagnose" (the Diagnose panel: its
// paste typed into, or Diagnose pressed) and "sandbox" (the in-browser sandbox: the first Send
// to it, or "+5 min" on it). The first load carries none of them. One load per module and page,
// shared by every console; their calls are synchronous.
const ON_DEMAND = ["crypto", "diagnose", "sandbox"];
const modules = new Map();
function loadModule(name) {
  if (!ON_DEMAND.includes(name)) return Promise.reject(new Error(`no on-demand module "${name}"`));
  if (!modules.has(name)) {
    const base = `konaplate-console-${name}`;
    const loading = import(`./${base}.js`).then(async (m) => {
      await m.default({ module_or_path: new URL(`${base}_bg.wasm`, here) });
      return m;
    });
    loading.catch(() => modules.delete(name)); // a later request tries again
    modules.set(name, loading);
  }
  return modules.get(name);
}

function mount(root, options = {}) {
  return mountConsole(root, { loadModule, ...options });
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
      await ready;
      const specUrl = this.getAttribute("spec");
      let spec;
      if (specUrl) {
        const response = await fetch(new URL(specUrl, document.baseURI));
        if (!response.ok) throw new Error(`spec ${specUrl}: HTTP ${response.status} (문서를 받지 못했습니다)`);
        spec = await response.text();
      }
      mount(root, {
        spec,
        operation: this.getAttribute("operation") ?? undefined,
        endpoint: this.getAttribute("endpoint") ?? undefined,
        language: this.getAttribute("language") ?? undefined,
        target: this.getAttribute("target") ?? undefined,
        serverUrl: this.getAttribute("server-url") ?? undefined,
        permalink: this.hasAttribute("permalink"),
        title: this.hasAttribute("title"),
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
