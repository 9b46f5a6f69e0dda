// The console in Korean, for a person to look at: desktop and phone screenshots with a
// validation list and a response (e2e/screenshots/page-ko-*.png). Driven by visible labels
// only. Needs a CJK font (scripts/setup.sh installs fonts-nanum), or Korean renders as boxes.
// KP_URL: the built page served locally.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { launch } from "./chromium.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test("a Korean font is installed for the browser", () => {
  const fonts = execFileSync("fc-list", [":lang=ko", "family"], { encoding: "utf8" }).trim();
  assert.ok(fonts.length > 0, "no font covers Korean: run scripts/setup.sh (fonts-nanum)");
});

test("Korean screenshots, desktop and phone, with a validation list and a response", async () => {
  mkdirSync(new URL("./screenshots/", import.meta.url), { recursive: true });
  for (const [name, viewport] of [["desktop", { width: 1100, height: 1400 }], ["phone", { width: 390, height: 900 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: "light" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(process.env.KP_URL);
    await page.getByLabel("Language / 언어").first().selectOption("ko");
    // An amount of 0 breaks a rule: the validation list names it, in Korean.
    await page.getByLabel("amount", { exact: true }).first().fill("0");
    await page.getByText(/\$\.amount \[minimum\]/).first().waitFor();
    await page.getByLabel("그래도 보내기 (부정 테스트)").first().check();
    await page.getByRole("button", { name: /^브라우저 안 샌드박스로 보내기/ }).first().click();
    await page.getByText(/^HTTP 400 · 007_007/).first().waitFor();
    const file = new URL(`./screenshots/page-ko-${name}.png`, import.meta.url).pathname;
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(readFileSync(file).length > 10_000, `${file} looks empty`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
