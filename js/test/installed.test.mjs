// The package as users install it: `npm pack` of pkg/, installed as a tarball (a copy, no
// symlink) into a fresh app made from js/consumer/, then used by name from Node, bundled by
// esbuild into a browser app run in headless Chromium, and type-checked by TypeScript with
// moduleResolution "bundler" and "node16". KP_PKG_DIR: the built package (default ../pkg).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, copyFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { launch } from "../../e2e/chromium.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const pkgDir = process.env.KP_PKG_DIR ?? here("../../pkg");
const tsc = here("../node_modules/typescript/bin/tsc");
let work, app, installed, packed;

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, `${command} ${args.join(" ")}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), "konaplate-installed-"));
  [packed] = JSON.parse(run("npm", ["pack", pkgDir, "--pack-destination", work, "--json", "--loglevel=error"], work));
  app = join(work, "app");
  cpSync(here("../consumer"), app, { recursive: true });
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(work, packed.filename)], app);
  installed = join(app, "node_modules", "konaplate");
});
after(() => work && rmSync(work, { recursive: true, force: true }));

test("the tarball installs as a copy with the fields and files a package needs", () => {
  assert.ok(!lstatSync(installed).isSymbolicLink(), "node_modules/konaplate is a symlink");
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  for (const field of ["exports", "types", "files", "sideEffects", "engines", "license", "repository"]) {
    assert.ok(manifest[field], `package.json has no ${field}`);
  }
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
  assert.doesNotMatch(JSON.stringify(manifest.repository), /REPOSITORY/);
  // Every file an export names (any subpath, any condition) is in the tarball.
  const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
  for (const target of [...targets, manifest.types]) {
    assert.ok(existsSync(join(installed, target)), `${target} is named by package.json but not in the tarball`);
  }
  assert.ok(targets.includes("./node.js") && targets.includes("./browser.js"), "both entries are exported");
  const names = packed.files.map((f) => f.path);
  // The main entry's two builds: for size (browser.js) and for speed (node.js).
  for (const wasm of ["konaplate_bg.wasm", "konaplate_node_bg.wasm"]) assert.ok(names.includes(wasm), `${wasm}: ${names.join(" ")}`);
  assert.ok(!names.some((n) => n.endsWith(".rs")), names.join(" "));
});

test("Node imports it by name (main entry, ./node, ./document) and signs a request with a 19-digit userId", () => {
  const out = JSON.parse(run("node", ["node.mjs"], app));
  assert.equal(out.meaning, "A request with the same sequenceId was already made.");
  for (const entry of [out.main, out.node, out.document]) {
    assert.deepEqual([entry.ok, entry.errors], [true, 0]);
    assert.ok(entry.body.includes('"userId":9999999999999999999,'), entry.body);
  }
});

test("esbuild bundles a browser app importing it, and the bundle runs in headless Chromium", async () => {
  const dist = join(app, "dist");
  mkdirSync(dist);
  await build({
    absWorkingDir: app, entryPoints: ["app.mjs"], bundle: true, format: "esm", platform: "browser",
    target: "es2022", outfile: join(dist, "app.js"), logLevel: "error",
  });
  const bundle = readFileSync(join(dist, "app.js"), "utf8");
  assert.ok(!bundle.includes("node:fs"), "the bundler picked the Node entry for a browser app");
  // browser.js fetches the Wasm next to the module (new URL(..., import.meta.url)): an esbuild
  // app copies it next to its bundle (the package README says so).
  copyFileSync(join(installed, "konaplate_bg.wasm"), join(dist, "konaplate_bg.wasm"));
  copyFileSync(join(app, "index.html"), join(dist, "index.html"));
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  const server = createServer((req, res) => {
    const file = join(dist, req.url === "/" ? "index.html" : req.url.replace(/^\/+/, ""));
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  }).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  let browser;
  try {
    browser = await launch();
    const tab = await browser.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => document.title.startsWith("{"), null, { timeout: 30_000 });
    const result = JSON.parse(await tab.title());
    assert.deepEqual([result.ok, result.errors, errors], [true, 0, []]);
    assert.ok(result.body.includes('"userId":9999999999999999999,'), result.body);
  } finally {
    await browser?.close();
    server.close();
  }
});

for (const resolution of ["bundler", "node16"]) {
  test(`a TypeScript app type-checks against it with moduleResolution "${resolution}"`, () => {
    const r = spawnSync("node", [tsc, "-p", `tsconfig.${resolution}.json`], { cwd: app, encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
}
