// Debian's Chromium, driven by playwright-core (never a downloaded browser). The network is
// closed: background networking off, or Chromium floods refused connections.
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

// A browser that dies while starting, before any page exists, is started once more (said on
// stderr): Debian's Chromium once exited with SIGSEGV while launching in a CI run (2026-12-03,
// with another build running beside it; the same test then passed three times in a row).
// Nothing a test checks has run at that point; a second failure fails the test.
export async function launch() {
  const options = { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS };
  try {
    return await chromium.launch(options);
  } catch (e) {
    console.error(`chromium failed to start (${String(e).split("\n")[0]}); starting it once more`);
    return chromium.launch(options);
  }
}
