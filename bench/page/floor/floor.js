// The keystroke floor (bench/page/measure.mjs): what the browser costs from keydown to a replaced
// #summary when the page does next to nothing. The same shape as the console where the timing
// reads it (an open shadow root with data-ready, a "Raw JSON" tab, a textarea labelled "Request
// body (JSON)", #summary), and an input listener that only runs JSON.parse on the body and writes
// its verdict into #summary. No Wasm, no validation, no signing, no other output.
const root = document.querySelector("konaplate-try-it").attachShadow({ mode: "open" });
root.innerHTML = `<div data-ready="true">
  <div role="tablist"><button role="tab" aria-selected="false">Form</button><button role="tab" aria-selected="true">Raw JSON</button></div>
  <label for="raw">Request body (JSON)</label>
  <textarea id="raw" rows="12" cols="80" spellcheck="false"></textarea>
  <p id="summary"></p>
</div>`;
const raw = root.getElementById("raw");
const summary = root.getElementById("summary");
// The console's seed body for the charge, pretty-printed as the console shows it.
raw.value = JSON.stringify({ sequenceId: "SEQ-PRESET", userId: 1234567890123456789, amount: 10000, oneTimeToken: "1111222233334444", dcvv: "123", merchantId: "123456789012345" }, null, 2)
  .replace("1234567890123456800", "1234567890123456789");
raw.addEventListener("input", () => {
  let verdict;
  try {
    JSON.parse(raw.value);
    verdict = "0 errors";
  } catch (e) {
    verdict = `1 error: ${e.message}`;
  }
  summary.textContent = verdict;
});
