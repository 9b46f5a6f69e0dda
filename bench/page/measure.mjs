// Browser measurements of the Try It page in Debian's headless Chromium (scripts/bench-page.sh):
//  1. time to interactive, cold (a fresh browser context per run), against Swagger UI in the same run;
//  2. keystroke in the raw JSON body to the validation summary's update, inside the page.
// KP_URL: our built page; KP_SWAGGER_URL: Swagger UI with our OpenAPI document; KP_FLOOR_URL: the
// keystroke floor (bench/page/floor); KP_RUNS, KP_KEYS.
// Times are read inside the page (performance.now(), event.timeStamp: navigation start is 0).
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const RUNS = Number(process.env.KP_RUNS || 9);
const KEYS = Number(process.env.KP_KEYS || 500);
const CHARGE_PATH = "/api/v1/recharges/by-bank-accounts/no-hce";

// Runs in every page before its own scripts. `window.__kp.interactive` gets performance.now() the
// first time the page is interactive, checked after every DOM mutation (in the document and in
// every shadow root attached later) and every frame. Helpers search every open shadow root.
function instrument({ kind, chargePath }) {
  const deepAll = (selector, root = document) => {
    const found = [...root.querySelectorAll(selector)];
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot) found.push(...deepAll(selector, el.shadowRoot));
    return found;
  };
  const name = (el) => (el.getAttribute("aria-label") ?? el.textContent).trim();
  const isInteractive = {
    // Ready marker present and an enabled button whose name starts with "Send".
    ours: () => deepAll('[data-ready="true"]').length > 0 && deepAll("button").some((b) => name(b).startsWith("Send") && !b.disabled),
    // The keystroke floor (bench/page/floor): its ready marker is all it has.
    floor: () => deepAll('[data-ready="true"]').length > 0,
    // The charge operation rendered, its "Try it out" button present and enabled (docExpansion: "full").
    swagger: () => [...document.querySelectorAll(".opblock")]
      .filter((op) => op.querySelector(`[data-path="${chargePath}"]`))
      .some((op) => [...op.querySelectorAll("button.try-out__btn")].some((b) => name(b) === "Try it out" && !b.disabled)),
  }[kind];
  const kp = (window.__kp = { interactive: null, deep: (selector) => deepAll(selector)[0] });
  const options = { subtree: true, childList: true, attributes: true, characterData: true };
  const check = () => {
    if (kp.interactive !== null || !document.documentElement || !isInteractive()) return;
    kp.interactive = performance.now();
    observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, options);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (kp.interactive === null) observer.observe(root, options);
    return root;
  };
  const everyFrame = () => { check(); if (kp.interactive === null) requestAnimationFrame(everyFrame); };
  requestAnimationFrame(everyFrame);

  // performance.now() when the text of the element with this id next changes.
  kp.nextChange = (id) => {
    const el = kp.deep(`#${id}`);
    const before = el.textContent;
    return new Promise((resolve) => new MutationObserver((_, o) => {
      if (el.textContent !== before) { o.disconnect(); resolve(performance.now()); }
    }).observe(el, { subtree: true, childList: true, characterData: true }));
  };
  kp.lastClick = null;
  addEventListener("click", (e) => { kp.lastClick = e.timeStamp; }, true);

  // One record per keystroke: its keydown, the next mutation of #summary (it is replaced on
  // every validation, even with equal text) and the animation frame after that.
  kp.recordKeystrokes = () => {
    const summary = kp.deep("#summary");
    kp.keys = [];
    let pending = null;
    addEventListener("keydown", (e) => { pending = { key: e.key, down: e.timeStamp, handler: performance.now() }; }, true);
    new MutationObserver(() => {
      if (!pending) return;
      const record = pending;
      pending = null;
      record.shown = performance.now();
      record.text = summary.textContent;
      requestAnimationFrame(() => { record.frame = performance.now(); kp.keys.push(record); });
    }).observe(summary, { subtree: true, childList: true, characterData: true });
  };
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function open(kind, url) {
  const context = await browser.newContext(); // its own HTTP cache and code cache: cold
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(instrument, { kind, chargePath: CHARGE_PATH });
  await page.goto(url, { waitUntil: "commit" });
  const interactive = await (await page.waitForFunction(() => window.__kp.interactive, null, { timeout: 60_000 })).jsonValue();
  return { context, page, errors, interactive };
}

// Playwright's own role-based locators confirm what the in-page check saw.
const sendButton = (page) => page.getByRole("button", { name: /^Send/ }).first();
const tryItOut = (page) => page.locator(".opblock").filter({ has: page.locator(`[data-path="${CHARGE_PATH}"]`) })
  .getByRole("button", { name: "Try it out" });

async function runOurs() {
  const { context, page, errors, interactive } = await open("ours", process.env.KP_URL);
  if (!(await sendButton(page).isEnabled())) throw new Error("ours: the Send button is not enabled at 'interactive'");
  // Send once: the click event to the moment #response-status shows the answer.
  await page.evaluate(() => { window.__kpResponse = window.__kp.nextChange("response-status"); });
  await sendButton(page).click();
  const shown = await page.evaluate(() => window.__kpResponse);
  const click = await page.evaluate(() => window.__kp.lastClick);
  await context.close();
  if (errors.length) throw new Error(`ours: page errors: ${errors.join("; ")}`);
  return { interactive, response: shown - click };
}

async function runSwagger() {
  const { context, page, interactive } = await open("swagger", process.env.KP_SWAGGER_URL);
  if (!(await tryItOut(page).isEnabled())) throw new Error("Swagger UI: 'Try it out' is not enabled at 'interactive'");
  await context.close();
  return { interactive };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => { const s = sorted(xs); return s[Math.max(0, Math.ceil(p * s.length) - 1)]; };
const ms = (x, digits = 1) => `${x.toFixed(digits)} ms`;
const spread = (xs, d) => `median ${ms(pct(xs, 0.5), d).padStart(9)}  (min ${ms(Math.min(...xs), d)}, max ${ms(Math.max(...xs), d)})`;

// 1. Time to interactive, alternating which page goes first.
const ours = [], swagger = [];
for (let i = 0; i < RUNS; i++) {
  const pair = i % 2 ? [runSwagger, runOurs] : [runOurs, runSwagger];
  for (const run of pair) {
    const r = await run();
    (run === runOurs ? ours : swagger).push(r);
  }
}
const oursTti = ours.map((r) => r.interactive), swaggerTti = swagger.map((r) => r.interactive);
const ratio = pct(oursTti, 0.5) / pct(swaggerTti, 0.5);
console.log(`\nTime to interactive: headless Chromium, navigation start -> interactive, ${RUNS} runs each, every run in a fresh browser context (cold caches)`);
console.log(`  konaplate   ${spread(oursTti)}   interactive = data-ready="true" present and the "Send" button enabled`);
console.log(`  Swagger UI  ${spread(swaggerTti)}   interactive = charge operation rendered (docExpansion "full") with "Try it out" present and enabled`);
console.log(`  ratio       ${ratio.toFixed(3)}x Swagger UI's median (target <= 0.25x): ${ratio <= 0.25 ? "met" : "NOT met"}`);
console.log(`  konaplate   Send click -> #response-status shows the answer: ${spread(ours.map((r) => r.response))}`);

// 2. Keystrokes into the raw JSON body, at the end of userId's digits: a cycle that keeps the body
// valid (delete a digit, type it back) and breaks it (a 20th digit: over the bound; a letter: bad JSON).
// The same keys, in the same run, into the floor page (KP_FLOOR_URL, bench/page/floor): the same
// shadow root, tab, textarea and #summary, whose input listener only runs JSON.parse and writes
// the verdict. What the browser costs between keydown and #summary with no Wasm and no work.
async function typeKeys(kind, url) {
  const { context, page, errors } = await open(kind, url);
  // The console opens on its form view; the raw JSON is the other tab.
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  const body = page.getByLabel("Request body (JSON)");
  await body.focus();
  await body.evaluate((el) => {
    const m = /"userId"\s*:\s*"?\d+/.exec(el.value);
    if (!m) throw new Error(`no userId in the body: ${el.value}`);
    el.setSelectionRange(m.index + m[0].length, m.index + m[0].length);
  });
  await page.evaluate(() => window.__kp.recordKeystrokes());
  const cycle = ["Backspace", "7", "7", "Backspace", "x", "Backspace"];
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(cycle[i % cycle.length]);
    await page.waitForFunction((n) => window.__kp.keys.length >= n, i + 1, { timeout: 5_000 })
      .catch(() => { throw new Error(`${kind}: keystroke ${i + 1} (${cycle[i % cycle.length]}): #summary did not change`); });
  }
  const keys = await page.evaluate(() => window.__kp.keys);
  await context.close();
  if (errors.length) throw new Error(`${kind}: page errors: ${errors.join("; ")}`);
  return keys;
}
const keys = await typeKeys("ours", process.env.KP_URL);
const floorKeys = process.env.KP_FLOOR_URL ? await typeKeys("floor", process.env.KP_FLOOR_URL) : null;
const toSummary = keys.map((k) => k.shown - k.down), toFrame = keys.map((k) => k.frame - k.down);
const pageWork = keys.map((k) => k.shown - k.handler);
const valid = keys.filter((k) => /^0 errors/.test(k.text)).length;
const line = (xs) => `p50 ${ms(pct(xs, 0.5), 2)}   p99 ${ms(pct(xs, 0.99), 2)}   max ${ms(Math.max(...xs), 2)}`;
console.log(`\nKeystroke -> validation message: ${keys.length} keystrokes typed into "Request body (JSON)" (${valid} left it valid, ${keys.length - valid} broke it)`);
console.log(`  keydown -> #summary replaced     ${line(toSummary)}   (target p99 <= 2 ms: ${pct(toSummary, 0.99) <= 2 ? "met" : "NOT met"})`);
console.log(`  of which the page's work        ${line(pageWork)}   (keydown listener runs -> #summary replaced)`);
console.log(`  keydown -> next animation frame  ${line(toFrame)}   (bound to the frame clock)`);
if (floorKeys) {
  console.log(`  floor: keydown -> #summary       ${line(floorKeys.map((k) => k.shown - k.down))}   (bench/page/floor: the same keys; JSON.parse only, no Wasm)`);
  console.log(`  floor: the page's work           ${line(floorKeys.map((k) => k.shown - k.handler))}`);
}
console.log(`  (keydown: its event.timeStamp, read in a capturing listener on window; #summary: a MutationObserver on it; timer resolution 0.1 ms)`);

// 3. Loading a 50-operation document (KP_FIFTY_DOC, made by bench/page/fifty.py) in the page:
// `mount(element, { spec })` parses, checks and loads it, then builds the console on its first
// operation. Beside it, in the same page and run: the mount of that operation's built-in original
// without a document (the console alone, the same form), and JSON.parse of the same text (the
// floor any loader pays). The document's share is the difference of the two mounts' medians.
if (process.env.KP_FIFTY_DOC) {
  const text = readFileSync(process.env.KP_FIFTY_DOC, "utf8");
  const runs = Number(process.env.KP_LOADS || 15);
  const { context: c3, page: p3, errors: e3 } = await open("ours", process.env.KP_URL);
  const r = await p3.evaluate(async ({ text, runs }) => {
    const m = await import(new URL("konaplate-try-it.js", document.baseURI).href);
    await m.ready;
    // The console built with the document loader is a module of its own: fetched and started by
    // a first mount before the timed ones (each timed mount is then synchronous, like the other).
    const warm = document.body.appendChild(document.createElement("div"));
    await m.mount(warm, { spec: text });
    m.unmount(warm);
    warm.remove();
    const out = { parse: [], withDocument: [], builtIn: [], listed: 0 };
    const ids = new Set(Object.values(JSON.parse(text).paths).flatMap((item) => Object.values(item).map((o) => o.operationId)));
    // Both mounts open the same operation: the document's first, and its built-in original.
    const [first] = ids;
    const timed = (list, f) => { const t = performance.now(); f(); list.push(performance.now() - t); };
    for (let i = 0; i < runs; i++) {
      timed(out.parse, () => JSON.parse(text));
      for (const [list, options] of [[out.withDocument, { spec: text, operation: first }], [out.builtIn, { operation: first.replace(/-0$/, "") }]]) {
        const host = document.body.appendChild(document.createElement("div"));
        timed(list, () => m.mount(host, options));
        if (options.spec) out.listed = [...host.querySelectorAll("option")].filter((o) => ids.has(o.value)).length;
        m.unmount(host);
        host.remove();
      }
    }
    return out;
  }, { text, runs });
  await c3.close();
  if (e3.length) throw new Error(`ours: page errors: ${e3.join("; ")}`);
  if (r.listed !== 50) throw new Error(`the 50-operation document: the picker lists ${r.listed} of its operations, not 50`);
  const median = (xs) => pct(xs, 0.5);
  const load = median(r.withDocument) - median(r.builtIn);
  console.log(`\nLoading a 50-operation document in the page (${(text.length / 1024).toFixed(0)} KB of JSON, ${runs} loads, medians; the picker listed all 50)`);
  console.log(`  mount with the document      ${spread(r.withDocument, 2)}`);
  console.log(`  mount without (built-in)     ${spread(r.builtIn, 2)}   (the same operation from the built-in document)`);
  console.log(`  the document's share         ${ms(load, 2)}   (target <= 20 ms: ${load <= 20 ? "met" : "NOT met"}; whole mount with it: ${median(r.withDocument) <= 20 ? "also" : "not"} within 20 ms)`);
  console.log(`  baseline: JSON.parse          ${spread(r.parse, 2)}`);
}
await browser.close();
