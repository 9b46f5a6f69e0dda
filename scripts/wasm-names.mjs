// Renames, in a wasm-bindgen glue file, what binaryen's --minify-imports-and-exports-and-modules
// renamed in its Wasm module (scripts/wasm-opt.sh runs both, the same way Emscripten minifies
// its import and export names). wasm-bindgen names every import `__wbg_<name>_<16 hex digits>`:
// 111 of them in the console, each written once in the module and once in the glue, and the hex
// digits do not compress. Short names save about 4 KB gzip on the page's first load.
//
//   node scripts/wasm-names.mjs MAP.json MODULE_bg.wasm GLUE.js
//
// wasm-bindgen's declarations of the module's exports (MODULE_bg.wasm.d.ts, which the JS package
// ships) are renamed the same way when present.
// MAP.json is what wasm-opt printed: {"imports": [[module, old, new]…], "exports": [[old, new]…]}.
// The glue is rewritten in place; MODULE_bg.wasm (already minified) is only read, to learn the
// new module name and to check that every name it imports or exports is one the glue now uses.
// Anything unexpected (an import the glue does not define, an export it reaches in another way
// than `wasm.NAME`, two import modules) stops the build with the name: a wasm-bindgen upgrade
// that changes the glue's shape must fail here, not at instantiation in a browser.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const [mapFile, wasmFile, glueFile] = process.argv.slice(2);
if (!glueFile) {
  console.error("wasm-names.mjs: MAP.json MODULE_bg.wasm GLUE.js");
  process.exit(2);
}
const fail = (why) => {
  console.error(`wasm-names.mjs: ${glueFile}: ${why}`);
  process.exit(1);
};
const map = JSON.parse(readFileSync(mapFile, "utf8"));
const module = new WebAssembly.Module(readFileSync(wasmFile));
const imports = WebAssembly.Module.imports(module);
const exports = WebAssembly.Module.exports(module).map((e) => e.name);
const modules = [...new Set(imports.map((i) => i.module))];
if (modules.length !== 1) fail(`expected one import module, found ${JSON.stringify(modules)}`);
const oldModules = [...new Set(map.imports.map(([m]) => m))];
if (oldModules.length !== 1) fail(`expected one import module in the map, found ${JSON.stringify(oldModules)}`);

let glue = readFileSync(glueFile, "utf8");
const escape = (s) => s.replace(/[$.*+?^(){}|[\]\\]/g, "\\$&");
// A key of the import object is defined exactly once: a rename must hit exactly one place.
const renameKey = (pattern, replacement, what) => {
  let hits = 0;
  glue = glue.replace(pattern, () => {
    hits += 1;
    return replacement;
  });
  if (hits !== 1) fail(`${what}: ${hits} occurrences`);
};

renameKey(new RegExp(`${escape(JSON.stringify(oldModules[0]))}:`, "g"), `${JSON.stringify(modules[0])}:`, `module ${oldModules[0]}`);
for (const [, oldName, newName] of map.imports) {
  // The import object's key: `    __wbg_x_0123456789abcdef: function(`.
  renameKey(new RegExp(`(?<=\\n\\s+)${escape(oldName)}(?=: function\\()`, "g"), JSON.stringify(newName), `import ${oldName}`);
}
// Exports are reached as `wasm.NAME`, as often as the glue needs.
const exportNames = new Map(map.exports.map(([oldName, newName]) => [oldName, newName]));
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => {
  const newName = exportNames.get(name);
  if (newName === undefined) fail(`wasm.${name} is not an export of the module`);
  return `wasm.${newName}`;
});

// Every import the module asks for is now a key of the glue's import object.
for (const { name } of imports) {
  if (!glue.includes(`${JSON.stringify(name)}: function(`)) fail(`the glue does not define import ${name}`);
}
// The glue names no old import, and the module exports every new name the glue now uses.
for (const [, oldName] of map.imports) if (glue.includes(oldName)) fail(`${oldName} is still named`);
for (const oldName of exportNames.keys()) {
  if (!exports.includes(exportNames.get(oldName))) fail(`export ${oldName} was not renamed in the module`);
}
writeFileSync(glueFile, glue);

const declarationsFile = `${wasmFile}.d.ts`;
if (existsSync(declarationsFile)) {
  let declarations = readFileSync(declarationsFile, "utf8");
  declarations = declarations.replace(/^export const ([A-Za-z_$][\w$]*):/gm, (whole, name) => {
    const newName = exportNames.get(name);
    if (newName === undefined) fail(`${declarationsFile} declares ${name}, which the module does not export`);
    return `export const ${newName}:`;
  });
  writeFileSync(declarationsFile, declarations);
}
