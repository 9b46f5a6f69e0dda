// scripts/split-data.mjs on a small module built here (binaryen.js): what stays, what moves, and
// the map it reads. Run by scripts/test.d/40-page.sh: node --test scripts/split-data.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { binaryen, FEATURES } from "./binaryen.mjs";
import { addressesIn, linkMap, splitData } from "./split-data.mjs";

const BASE = 1048576;
const bytes = (text) => new TextEncoder().encode(text);
const le32 = (n) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];

/** A wasm-ld map of read-only objects at `objects` ([start, size] from BASE) and no writable data. */
function mapOf(objects, size) {
  const hex = (n) => n.toString(16);
  const lines = ["    Addr      Off     Size Out     In      Symbol", `       -    1000     ${hex(size)} DATA`];
  lines.push(`  ${hex(BASE)}     1000     ${hex(size)} .rodata`);
  for (const [start, length] of objects) {
    lines.push(`  ${hex(BASE + start)}     1000     ${hex(length)}         x.o:(.rodata..Lanon.${start})`);
    lines.push(`  ${hex(BASE + start)}     1000     ${hex(length)}                 .Lanon.${start}`);
  }
  lines.push("       -     2000      100 CUSTOM(name)");
  return lines.join("\n");
}

/**
 * Read-only data: "KEPT" (0), "GONE" (4), a table of two pointers (8: to "DEEP" at 16 and to
 * "KEPT"), "DEEP" (16), "TABL" (20, read by a loop counting up to its end, which is where "NEXT"
 * begins), "NEXT" (24), "NONE" (28). Functions: `kept` names "KEPT", the table, and 24 as the
 * base of an index; `moved` names "GONE"; nothing names "NONE".
 */
function module() {
  const m = new binaryen.Module();
  m.setFeatures(FEATURES);
  const data = [...bytes("KEPTGONE"), ...le32(BASE + 16), ...le32(BASE), ...bytes("DEEPTABLNEXTNONE")];
  m.setMemory(17, 17, "memory", [{ name: "ro", offset: m.i32.const(BASE), data: Uint8Array.from(data), passive: false }]);
  const load = (address) => m.i32.load(0, 1, address);
  m.addFunction("kept", binaryen.none, binaryen.i32, [], m.i32.add(m.i32.add(load(m.i32.const(BASE)), load(m.i32.const(BASE + 8))), load(m.i32.add(m.i32.const(-4), m.i32.const(BASE + 24)))));
  m.addFunction("moved", binaryen.none, binaryen.i32, [], load(m.i32.const(BASE + 4)));
  m.addFunctionExport("kept", "kept");
  m.addFunctionExport("moved", "moved");
  assert.ok(m.validate());
  return m;
}
const OBJECTS = [[0, 4], [4, 4], [8, 8], [16, 4], [20, 4], [24, 4], [28, 4]];
const SIZE = 32;

test("the map's read-only objects and output sections are read; other sections are not", () => {
  const map = linkMap(mapOf(OBJECTS, SIZE));
  assert.deepEqual(map.objects, OBJECTS.map(([s, n]) => [BASE + s, BASE + s + n]));
  assert.deepEqual(map.outputs, [{ name: ".rodata", range: [BASE, BASE + SIZE] }]);
});

test("constants, index bases and offsets are told apart, and quoted names are skipped", () => {
  const inData = (a) => a >= BASE && a < BASE + SIZE;
  const text = `(func $"a (i32.const ${BASE}) \\" offset=${BASE}" (i32.add (local.get $0) (i32.const ${BASE + 24})) (call $f (i32.const ${BASE + 4})) (i32.load offset=${BASE + 8} (local.get $1)) (i32.const 7))`;
  assert.deepEqual(addressesIn(text, inData), { constants: [BASE + 4], bases: [BASE + 24], offsets: [BASE + 8] });
});

test("what a kept function reaches stays, through pointers and up to a table's end; the rest moves to the second module", () => {
  const m = module();
  const split = splitData(m, new Set(["kept"]), linkMap(mapOf(OBJECTS, SIZE)));
  const first = new TextDecoder().decode(split.first[0].data);
  // GONE (only `moved` names it) and NONE (nothing does) are zeros; DEEP stays through the
  // table's pointer; TABL stays because `kept` counts up to its end, NEXT because that is its start.
  assert.equal(first.slice(0, 8), "KEPT\0\0\0\0");
  assert.equal(first.slice(16), "DEEPTABLNEXT\0\0\0\0");
  assert.equal(split.moved, 8);
  const second = split.second.map((s) => [s.offset - BASE, new TextDecoder().decode(s.data)]);
  assert.deepEqual(second, [[4, "GONE"], [28, "NONE"]]);
  m.dispose();
});

test("with every function kept, nothing a function names moves", () => {
  const m = module();
  const split = splitData(m, new Set(["kept", "moved"]), linkMap(mapOf(OBJECTS, SIZE)));
  assert.deepEqual(split.second.map((s) => s.offset - BASE), [28]);
  m.dispose();
});

test("a map that does not describe the module is refused", () => {
  const m = module();
  assert.throws(() => splitData(m, new Set(["kept"]), linkMap(mapOf(OBJECTS, 24))), /stale map/);
  m.dispose();
});
