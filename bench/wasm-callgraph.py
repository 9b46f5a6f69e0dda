#!/usr/bin/env python3
"""What keeps code in a Wasm module (not a test): call graph, retained sizes, callers.

    python3 bench/wasm-callgraph.py MODULE.wasm retained [TOP=40]
    python3 bench/wasm-callgraph.py MODULE.wasm callers REGEX
    python3 bench/wasm-callgraph.py MODULE.wasm refs REGEX

MODULE must keep its name section (`scripts/wasm-profile.sh` builds one; the module it profiles
is left in $KEEP if set). `retained`: the code bytes only a function keeps alive (its dominator
subtree in the direct call graph, roots being the exports and every function in the indirect-call
table), the twiggy "retained size". `callers`: direct callers of the functions whose name matches.
`refs`: functions whose code takes the table index of a matching function (an `i32.const` of it:
how a `fmt::Arguments` or a `dyn` vtable reaches a function; small constants make false hits).
No dependency beyond Python's standard library.
"""
import importlib.util
import os
import re
import sys

spec = importlib.util.spec_from_file_location("wp", os.path.join(os.path.dirname(__file__), "wasm-profile.py"))
wp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(wp)
leb = wp.leb


def sleb(data, i):
    return wp.leb(data, i, signed=True)


MEMARG = set(range(0x28, 0x3F))
ONE_INDEX = {0x0C, 0x0D, 0x10, 0x12, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2}


def instructions(body):
    """(opcode, immediate) for calls and i32 constants; the rest only skipped."""
    count, i = leb(body, 0)
    for _ in range(count):
        _, i = leb(body, i)
        i += 1
    end = len(body)
    while i < end:
        op = body[i]
        i += 1
        if op in (0x02, 0x03, 0x04):  # block type: empty, a value type, or an s33 type index
            _, i = sleb(body, i)
        elif op in ONE_INDEX:
            n, i = leb(body, i)
            if op in (0x10, 0x12):
                yield op, n
        elif op == 0x0E:
            n, i = leb(body, i)
            for _ in range(n + 1):
                _, i = leb(body, i)
        elif op in (0x11, 0x13):
            _, i = leb(body, i)
            _, i = leb(body, i)
        elif op in MEMARG:
            _, i = leb(body, i)
            _, i = leb(body, i)
        elif op in (0x3F, 0x40):
            i += 1
        elif op == 0x41:
            n, i = sleb(body, i)
            yield op, n
        elif op == 0x42:
            _, i = sleb(body, i)
        elif op == 0x43:
            i += 4
        elif op == 0x44:
            i += 8
        elif op == 0x1C:
            n, i = leb(body, i)
            i += n
        elif op == 0xD0:
            i += 1
        elif op == 0xFC:
            sub, i = leb(body, i)
            if sub in (8, 12, 14):
                _, i = leb(body, i)
                _, i = leb(body, i)
            elif sub in (9, 13, 15, 16, 17):
                _, i = leb(body, i)
            elif sub == 10:
                i += 2
            elif sub == 11:
                i += 1
        elif op >= 0xFD:
            raise SystemExit(f"opcode prefix {op:#x} is not decoded here")


def load(path):
    data = open(path, "rb").read()
    imports, names, bodies, exports, table = 0, {}, [], [], {}
    for sid, p in wp.sections(data):
        if sid == 0:
            n, _ = wp.name(p, 0)
            if n == "name":
                names = wp.function_names(p)
        elif sid == 2:
            imports = wp.imported_functions(p)
        elif sid == 7:
            count, i = leb(p, 0)
            for _ in range(count):
                _, i = wp.name(p, i)
                kind, i = p[i], i + 1
                index, i = leb(p, i)
                if kind == 0:
                    exports.append(index)
        elif sid == 9:
            count, i = leb(p, 0)
            for _ in range(count):
                flags, i = leb(p, i)
                if flags != 0:
                    raise SystemExit(f"element segment flags {flags} are not decoded here")
                assert p[i] == 0x41
                offset, i = sleb(p, i + 1)
                assert p[i] == 0x0B
                i += 1
                n, i = leb(p, i)
                for k in range(n):
                    f, i = leb(p, i)
                    table[offset + k] = f
        elif sid == 10:
            count, i = leb(p, 0)
            for _ in range(count):
                size, i = leb(p, i)
                bodies.append(p[i:i + size])
                i += size
    return imports, names, bodies, exports, table


def main():
    path, mode = sys.argv[1], sys.argv[2]
    imports, names, bodies, exports, table = load(path)
    label = lambda f: wp.demangle_legacy(names.get(f, f"func{f}"))
    size = {imports + k: len(b) for k, b in enumerate(bodies)}
    calls, consts = {}, {}
    for k, body in enumerate(bodies):
        f = imports + k
        calls[f], consts[f] = set(), set()
        for op, n in instructions(body):
            (calls[f] if op != 0x41 else consts[f]).add(n)
    if mode == "callers":
        pattern = re.compile(sys.argv[3])
        for f in sorted(size, key=lambda f: -size[f]):
            if pattern.search(label(f)):
                who = sorted((g for g in calls if f in calls[g]), key=lambda g: -size[g])
                print(f"{size[f]:>7} {label(f)[:120]}")
                for g in who:
                    print(f"          <- {size[g]:>6} {label(g)[:120]}")
        return
    if mode == "refs":
        pattern = re.compile(sys.argv[3])
        for index, f in table.items():
            if pattern.search(label(f)):
                who = sorted((g for g in consts if index in consts[g]), key=lambda g: -size[g])
                print(f"{size.get(f, 0):>7} {label(f)[:120]} (table {index})")
                for g in who[:15]:
                    print(f"          &  {size[g]:>6} {label(g)[:120]}")
        return
    # Dominators over the direct call graph from one root (Cooper, Harvey, Kennedy).
    ROOT = -1
    succ = {ROOT: [f for f in set(exports) | set(table.values()) if f in size]}
    for f in size:
        succ[f] = [g for g in calls[f] if g in size]
    order, seen, stack = [], {ROOT}, [(ROOT, iter(succ[ROOT]))]
    while stack:
        node, it = stack[-1]
        for g in it:
            if g not in seen:
                seen.add(g)
                stack.append((g, iter(succ[g])))
                break
        else:
            order.append(node)
            stack.pop()
    rpo = order[::-1]
    number = {n: k for k, n in enumerate(rpo)}
    preds = {n: [] for n in rpo}
    for n in rpo:
        for g in succ[n]:
            preds[g].append(n)
    idom = {ROOT: ROOT}
    changed = True
    while changed:
        changed = False
        for n in rpo[1:]:
            done = [p for p in preds[n] if p in idom]
            new = done[0]
            for p in done[1:]:
                a, b = p, new
                while a != b:
                    while number[a] > number[b]:
                        a = idom[a]
                    while number[b] > number[a]:
                        b = idom[b]
                new = a
            if idom.get(n) != new:
                idom[n] = new
                changed = True
    retained = {n: size.get(n, 0) for n in rpo}
    for n in order:  # children before parents
        if n != ROOT:
            retained[idom[n]] += retained[n]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    unreached = sum(s for f, s in size.items() if f not in seen)
    print(f"{sum(size.values())} B of code; {unreached} B not reached from the roots")
    for n in sorted((n for n in rpo if n != ROOT), key=lambda n: -retained[n])[:top]:
        print(f"{retained[n]:>8} {size[n]:>7}  {label(n)[:130]}")


if __name__ == "__main__":
    main()
