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
// `mount(element, options)` and `unmount(element)` are exported too, for pages that want no
// custom element.
import init, { mount, unmount } from "./konaplate-console.js";

const here = new URL(".", import.meta.url);
const ready = init({ module_or_path: new URL("konaplate-console_bg.wasm", here) });

class KonaplateTryIt extends HTMLElement {
  #state = "off";

  async connectedCallback() {
    if (this.#state !== "off") return; // moved in the DOM: the console stays
    this.#state = "starting";
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    root.replaceChildren(); // back after a removal: a fresh console
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("konaplate-try-it.css", here).href;
    root.append(style);
    try {
      await ready;
      mount(root, {
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
      message.textContent = `konaplate: the console could not start (${error?.message ?? error}).`;
      root.append(message);
    }
  }

  // Removed (a move reconnects within the task): release the console's listeners.
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
