// binaryen.js (npm `binaryen` 132 from js/node_modules, which scripts/setup.sh installs; it runs
// offline) and what the scripts that read the page's Wasm with it share: scripts/split-console.mjs
// and the page benchmarks (bench/page/visit.mjs).
import binaryen from "../js/node_modules/binaryen/index.js";

export { binaryen };
const F = binaryen.Features;
/** The features rustc used (named: `strip = true` drops the target_features section; wasm-opt.sh
 * names the same); bulk memory comes with its `-opt` half in binaryen. */
export const FEATURES =
  F.MVP | F.BulkMemory | F.BulkMemoryOpt | F.SignExt | F.MutableGlobals | F.NontrappingFPToInt | F.ReferenceTypes | F.Multivalue;

/** The `count` items binaryen lists by index (`at(i)`), each read by `info`, in order. */
export const each = (count, at, info) => Array.from({ length: count }, (_, i) => info(at(i)));

/** Every function of `module` (binaryen's function info: name, params, results, and for an
 * import its module), in order. */
export const functions = (module) => each(module.getNumFunctions(), (i) => module.getFunctionByIndex(i), binaryen.getFunctionInfo);

/** The defined (not imported) functions of `module`, in order. */
export const definedFunctions = (module) => functions(module).filter((f) => !f.module);
