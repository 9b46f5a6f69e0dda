// The console's constants, split with its functions (scripts/split-console.mjs): the bytes of its
// read-only data that only the moved functions can reach move to the second module, as active
// data segments that write them into the first module's memory when the second is instantiated,
// which happens before any moved function runs. The first module keeps zeros there.
//
// Which bytes a kept function can reach is found statically:
// - Where each constant begins and ends comes from the linker's map of this build (the console's
//   build.rs asks for it): one object per input section (a Rust static, a string literal; the
//   linker's merged section of format templates is one object).
// - What stays: every object a kept function or a global names (an `i32.const` or a load's
//   `offset=` inside it), and every object a pointer-sized word of a kept object, or of the
//   writable data, points into, again and again. A constant added to an index where one object
//   ends and the next begins keeps both (a loop may count a negative index up to a table's end).
//   A load's `offset=` may name an address the compiler moved back from the table it indexes
//   forwards: the object after it stays too (a precaution; no test has seen it).
// A kept function therefore never reads a moved byte, unless it computes an address from no
// constant at all, which Rust's statics do not. e2e/split.test.mjs holds it to that: the first
// module, every load reported, makes the list's visit with the second held back and may read no
// moved byte; e2e/page.test.mjs checks the same visit shows no NUL and the first paint a console
// mounted after the second module shows.
import { definedFunctions } from "./binaryen.mjs";

/** The module's data segments, as binaryen reads them (`data` as bytes). */
export function dataSegments(module) {
  return Array.from({ length: module.getNumDataSegments() }, (_, i) => {
    const info = module.getDataSegmentInfo(module.getDataSegmentByIndex(i));
    return { ...info, data: new Uint8Array(info.data) };
  });
}

/** The data objects of a wasm-ld map (`--Map`): `[start, end)` of each input section in the
 * DATA section, in order, and the output sections' (`.rodata`, `.data`, …). */
export function linkMap(text) {
  const objects = [];
  const outputs = [];
  let inData = false;
  for (const line of text.split("\n")) {
    const m = /^\s*([0-9a-f]+|-)\s+[0-9a-f]+\s+([0-9a-f]+)( +)(\S.*)$/.exec(line);
    if (!m) continue;
    const [, address, size, gap, what] = m;
    if (address === "-") {
      inData = what === "DATA";
      continue;
    }
    if (!inData) continue;
    const range = [parseInt(address, 16), parseInt(address, 16) + parseInt(size, 16)];
    if (gap.length === 1) outputs.push({ name: what, range });
    else if (gap.length === 9) objects.push(range);
  }
  return { objects, outputs };
}

/**
 * Splits `module`'s read-only data by the functions that stay (`kept`: binaryen names), with the
 * objects of `map` ([`linkMap`]): returns `{ first, second, moved }`, the segments for the first
 * module (moved bytes zeroed), those for the second (the moved runs), each `{ name, offset, data,
 * passive }` with a numeric offset, and the number of bytes moved. Throws if the map is not this
 * module's.
 */
export function splitData(module, kept, map) {
  const segments = dataSegments(module);
  const low = Math.min(...segments.map((s) => s.offset));
  const high = Math.max(...segments.map((s) => s.offset + s.data.length));
  const readOnlyOutput = map.outputs.find((o) => o.name === ".rodata");
  const inOutputs = (s) => map.outputs.some((o) => o.range[0] <= s.offset && s.offset + s.data.length <= o.range[1]);
  if (segments.some((s) => s.passive) || !readOnlyOutput || low < readOnlyOutput.range[0] || !segments.every(inOutputs)) {
    throw new Error("split-data.mjs: the link map does not describe this module's data (a stale map?)");
  }
  const memory = new Uint8Array(high - low);
  for (const s of segments) memory.set(s.data, s.offset - low);
  const inData = (address) => address >= low && address < high;
  const readOnly = (address) => address >= readOnlyOutput.range[0] && address < readOnlyOutput.range[1];
  // What names an address: each function's constants and offsets, and the module's other items.
  const names = definedFunctions(module).map((f) => f.name);
  const byFunction = new Map();
  const elsewhere = { constants: [], bases: [], offsets: [] };
  const items = module.emitText().split(/^ (?=\()/m).slice(1);
  let next = 0;
  for (const item of items) {
    if (item.startsWith("(data ")) continue; // its offset is a segment start; its bytes are not code
    const refs = addressesIn(item, inData);
    if (item.startsWith("(func ")) byFunction.set(names[next++], refs);
    else for (const key of Object.keys(elsewhere)) elsewhere[key].push(...refs[key]);
  }
  if (next !== names.length) throw new Error(`split-data.mjs: ${next} function bodies in the text for ${names.length} functions`);
  const pointers = new Map();
  const words = new DataView(memory.buffer);
  for (let at = (4 - (low % 4)) % 4; at + 4 <= memory.length; at += 4) {
    const value = words.getUint32(at, true);
    if (inData(value)) pointers.set(low + at, value);
  }

  // Objects by the map (not by segment: wasm-opt's memory packing splits a static at its zeros).
  const bounds = [...new Set([...map.objects.flat().filter(inData), low, high])].sort((a, b) => a - b);
  /** The index in `bounds` of the object holding `address`. */
  const objectOf = (address) => {
    let [l, r] = [0, bounds.length - 1];
    while (l < r) {
      const mid = (l + r + 1) >> 1;
      if (bounds[mid] <= address) l = mid;
      else r = mid - 1;
    }
    return l;
  };

  const keep = new Uint8Array(memory.length);
  const done = new Set();
  const queue = [];
  /** Keeps the object holding `address`, and `after` objects after it, and `before` if the
   * address is where the one before it ends. */
  const reach = (address, { after = 0, before = false } = {}) => {
    const k = objectOf(address);
    for (let j = k; j <= k + after && j + 1 < bounds.length; j++) queue.push(j);
    if (before && bounds[k] === address && k > 0) queue.push(k - 1);
  };
  const seed = (refs) => {
    for (const a of refs.constants) reach(a);
    for (const a of refs.bases) reach(a, { before: true });
    for (const a of refs.offsets) reach(a, { after: 1 });
  };
  seed(elsewhere);
  for (const [name, refs] of byFunction) if (kept.has(name)) seed(refs);
  for (let at = low; at < high; at++) {
    if (readOnly(at)) continue;
    keep[at - low] = 1;
    if (pointers.has(at)) reach(pointers.get(at));
  }
  while (queue.length) {
    const k = queue.pop();
    if (done.has(k)) continue;
    done.add(k);
    const [start, end] = [bounds[k], bounds[k + 1]];
    keep.fill(1, start - low, end - low);
    for (let at = Math.ceil(start / 4) * 4; at + 4 <= end; at += 4) if (pointers.has(at)) reach(pointers.get(at));
  }

  // The moved runs: read-only bytes nothing kept reaches. Runs a few kept bytes apart are written
  // as one segment (those bytes are constants: writing them again changes nothing).
  const second = [];
  let moved = 0;
  for (let i = 0; i < memory.length;) {
    if (keep[i] || !readOnly(i + low)) {
      i++;
      continue;
    }
    let end = i;
    while (end < memory.length && !keep[end] && readOnly(end + low)) end++;
    moved += end - i;
    const last = second.at(-1);
    if (last && i + low - last.end <= 8) last.end = end + low; // between them: read-only too
    else second.push({ start: i + low, end: end + low });
    i = end;
  }
  const first = segments.map((s, index) => {
    const data = s.data.slice();
    for (let i = 0; i < data.length; i++) if (readOnly(s.offset + i) && !keep[s.offset - low + i]) data[i] = 0;
    return { name: `kp${index}`, offset: s.offset, data, passive: false }; // unique (names are stripped later)
  });
  return {
    first,
    second: second.map((r, i) => ({ name: `kpdata${i}`, offset: r.start, data: memory.slice(r.start - low, r.end - low), passive: false })),
    moved,
  };
}

/** The data addresses a module item (binaryen's text of a function, a global, …) names:
 * `constants` (an `i32.const` used as it is), `bases` (an `i32.const` an `i32.add` or `i32.sub`
 * moves by an index) and `offsets` (a load's or store's `offset=`). */
export function addressesIn(item, inData) {
  const refs = { constants: [], bases: [], offsets: [] };
  const heads = [];
  for (let i = 0; i < item.length; i++) {
    const c = item[i];
    if (c === '"') {
      for (i++; i < item.length && item[i] !== '"'; i++) if (item[i] === "\\") i++;
    } else if (c === "(") {
      const head = /^[a-z0-9_.]+/.exec(item.slice(i + 1, i + 40))?.[0] ?? "";
      if (head === "i32.const") {
        const address = Number(/^i32\.const (-?\d+)/.exec(item.slice(i + 1, i + 40))[1]) >>> 0;
        const parent = heads.at(-1);
        if (inData(address)) (parent === "i32.add" || parent === "i32.sub" ? refs.bases : refs.constants).push(address);
      }
      heads.push(head);
    } else if (c === ")") {
      heads.pop();
    } else if (c === "o" && item.startsWith("offset=", i)) {
      const address = Number(/^offset=(\d+)/.exec(item.slice(i, i + 20))[1]);
      if (inData(address)) refs.offsets.push(address);
      i += 6;
    }
  }
  return refs;
}
