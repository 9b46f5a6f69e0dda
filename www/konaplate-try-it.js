// konaplate Try It: the one module script a page needs.
//
//   <script type="module" src="https://…/konaplate-try-it.js"></script>
//   <konaplate-try-it endpoint="charge" language="en"></konaplate-try-it>
//
// Defines the <konaplate-try-it> custom element: each one gets its own console (built by the
// Wasm module next to this file) inside an open shadow root, so the host page's CSS and the
// console's CSS never touch each other. Attributes (all optional): endpoint (charge,
// one-time-token, result-inquiry, cancel), language (en, ko), target (in-browser, server,
// proxy), server-url, permalink (keep the request in the URL fragment), title (show the heading).
// `mount(element, options)` is exported too, for pages that want no custom element.
import init, { mount } from "./konaplate-console.js";

const here = new URL(".", import.meta.url);
const ready = init({ module_or_path: new URL("konaplate-console_bg.wasm", here) });

class KonaplateTryIt extends HTMLElement {
  #console = null;
  #starting = false;

  async connectedCallback() {
    if (this.#console || this.#starting) return; // moved in the DOM: keep the console and its state
    this.#starting = true;
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    root.replaceChildren(); // back on the page after a removal: a fresh console
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("konaplate-try-it.css", here).href;
    root.append(style);
    try {
      await ready;
      this.#console = mount(root, {
        endpoint: this.getAttribute("endpoint") ?? undefined,
        language: this.getAttribute("language") ?? undefined,
        target: this.getAttribute("target") ?? undefined,
        serverUrl: this.getAttribute("server-url") ?? undefined,
        permalink: this.hasAttribute("permalink"),
        title: this.hasAttribute("title"),
      });
      this.dataset.ready = "true";
      if (!this.isConnected) this.disconnectedCallback();
    } catch (error) {
      const message = document.createElement("p");
      message.setAttribute("role", "alert");
      message.textContent = `konaplate: the console could not start (${error?.message ?? error}).`;
      root.append(message);
    } finally {
      this.#starting = false;
    }
  }

  // Removed from the page (not just moved: a move reconnects in the same task): the console
  // releases its listeners and closures, and the Wasm object is freed.
  disconnectedCallback() {
    queueMicrotask(() => {
      if (this.isConnected || !this.#console) return;
      this.#console.unmount();
      this.#console.free();
      this.#console = null;
      delete this.dataset.ready;
    });
  }
}

if (!customElements.get("konaplate-try-it")) customElements.define("konaplate-try-it", KonaplateTryIt);

export { mount, ready };
