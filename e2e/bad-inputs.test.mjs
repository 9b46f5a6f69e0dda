// The bad-input table's console rows (testdata/bad-inputs.json, shared with the CLI, server and
// JS package tests) typed into the page's raw JSON: each names its field and rule in the
// validation list, in English and in Korean; nothing is sent; and afterwards the same console
// still validates and sends a good request (no panic, no poisoned Wasm instance).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./chromium.mjs";
import { table, body } from "../testdata/bad-inputs.mjs";

const rows = table.rows.filter((r) => r.surfaces.includes("console") && !r.accepted);
let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test(`${rows.length} bad bodies typed into the page are each reported by field and rule, in English and Korean`, async () => {
  assert.ok(rows.length >= 90, `only ${rows.length} console rows`);
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(process.env.KP_URL);
  await page.locator("konaplate-try-it[data-ready=true]").waitFor();
  await page.getByLabel("Secret key (memory only)").fill(table.secret);
  const good = await page.getByLabel("Request body (JSON)").inputValue();
  for (const row of rows) {
    // Typed in the page itself (an input event, as a keystroke makes), in both languages.
    const seen = await page.evaluate(([endpoint, text]) => {
      const root = document.querySelector("konaplate-try-it").shadowRoot;
      const picker = root.getElementById("endpoint");
      if (picker.value !== endpoint) {
        picker.value = endpoint;
        picker.dispatchEvent(new Event("change"));
      }
      const field = root.getElementById("body");
      const language = root.getElementById("language");
      const read = (lang) => {
        language.value = lang;
        language.dispatchEvent(new Event("change"));
        return [...root.querySelectorAll("#violations li")].map((li) => li.textContent);
      };
      field.value = text;
      field.dispatchEvent(new Event("input"));
      const ko = read("ko");
      return { ko, en: read("en") };
    }, [row.endpoint, body(row.body)]);
    const expected = [...(row.errors ?? []).map(([l, r]) => ["error", "오류", l, r]),
      ...(row.warnings ?? []).map(([l, r]) => ["warning", "경고", l, r])];
    for (const [en, ko, location, rule] of expected) {
      const tag = ` · ${location} [${rule}]: `;
      const inEnglish = seen.en.find((line) => line.startsWith(en + tag));
      const inKorean = seen.ko.find((line) => line.startsWith(ko + tag));
      assert.ok(inEnglish && inEnglish.length > (en + tag).length + 10, `${row.id}: no English ${location} [${rule}] in ${JSON.stringify(seen.en)}`);
      assert.ok(inKorean && /[가-힣]/.test(inKorean), `${row.id}: no Korean ${location} [${rule}] in ${JSON.stringify(seen.ko)}`);
    }
    if (row.errors?.length) {
      const reported = seen.en.filter((l) => l.startsWith("error · ")).length;
      assert.equal(reported, row.errors.length, `${row.id}: ${JSON.stringify(seen.en)}`);
    }
  }
  // Still serving: a bad body is refused, the good one goes out and is answered.
  const send = page.getByRole("button", { name: /^Send to/ });
  await send.click();
  assert.match(await page.locator("#response-status").textContent(), /^Not sent: \d+ error/);
  await page.getByLabel("Endpoint").selectOption("charge");
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  await page.getByLabel("Request body (JSON)").fill(good);
  await send.click();
  // The first send to the in-browser sandbox loads its module ("Sending…" until then).
  await page.locator("#response-status").filter({ hasNotText: /^Sending…$/ }).waitFor();
  assert.match(await page.locator("#response-status").textContent(), /^HTTP 200 · 000_000/);
  assert.deepEqual(errors, []);
});
