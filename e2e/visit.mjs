// What a visitor does before a first Send: the visit bench/page/first-paint-list.mjs makes to
// write the split's list (www/console-first-paint.txt), and the tests of the split make with the
// console's second module held back (page.test.mjs, split.test.mjs); bench/page/visit.mjs types
// with `typeInRawJson`. No imports: both packages (e2e/, bench/page/) use it.

/** Types in the raw JSON (valid, broken, valid again), pastes bodies (broken, with missing and
 * wrong fields, valid), switches to Korean and types there, toggles the theme, opens the Form
 * tab, and switches back to English. Returns what the console showed in Korean (`shown`). */
export async function visitBeforeASend(page, shown) {
  await typeInRawJson(page);
  const body = page.getByLabel("Request body (JSON)");
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  const valid = await body.inputValue();
  for (const pasted of ['{"sequenceId": "S1"', '{"sequenceId": "S1"}', '{"sequenceId": 1, "amount": "x", "extra": null}', valid]) {
    await body.fill(pasted);
  }
  await page.getByLabel("Language / 언어").selectOption("ko");
  await page.getByRole("tab", { name: "원본 JSON" }).click();
  const korean = page.getByLabel("요청 본문 (JSON)");
  await korean.press("End");
  for (const key of ["Backspace", "}", "Backspace", "x", "Backspace", "}"]) await korean.press(key);
  await page.getByRole("tab", { name: "폼" }).click();
  const inKorean = shown ? await shown() : undefined;
  await page.getByRole("button", { name: "다크 모드 전환" }).click();
  await page.getByRole("button", { name: "다크 모드 전환" }).click();
  await page.getByLabel("Language / 언어").selectOption("en");
  return inKorean;
}

/** Types at the end of the raw JSON body (valid, broken, valid again), then goes back to the
 * Form tab. */
export async function typeInRawJson(page) {
  const body = page.getByLabel("Request body (JSON)");
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  await body.click();
  await body.press("End");
  for (const key of ["Backspace", "}", "Backspace", "x", "Backspace", "}"]) await body.press(key);
  await page.getByRole("tab", { name: "Form" }).click();
}
