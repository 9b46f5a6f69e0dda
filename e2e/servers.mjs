// Servers the page tests send to: a real `konaplate serve` (KP_CLI), and a hostile one whose
// answers carry markup and script.
import { spawn } from "node:child_process";
import { createServer } from "node:http";

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** `konaplate serve` on a free port with `secret`, allowing CORS from `allowOrigin`. */
export async function startServe({ secret, allowOrigin }) {
  const port = await freePort();
  const child = spawn(process.env.KP_CLI, ["serve", "--port", String(port), "--allow-origin", allowOrigin],
    { env: { ...process.env, KONAPLATE_SECRET_KEY: secret }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => { output += d; });
  child.stderr.on("data", (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, stop: () => child.kill(), output: () => output };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`konaplate serve did not start: ${output}`);
}

/** Answers every request (CORS open) with a 400 envelope full of markup and script. */
export async function startHostile() {
  const body = JSON.stringify({
    response: { code: "000_002", description: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>' },
    note: "<b>bold?</b>",
  });
  const server = createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Headers", "*");
    res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    req.resume();
    res.writeHead(400, { "content-type": "application/json", "x-evil": "<script>window.__pwned=3</script>" }).end(body);
  }).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() };
}
