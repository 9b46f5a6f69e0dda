#!/usr/bin/env python3
"""Size profile of a Wasm module (not a test): code bytes per crate, from the name section.

    python3 bench/wasm-profile.py MODULE.wasm [TOP=25]

MODULE must keep its name section (an unstripped cargo build passed through wasm-bindgen:
`scripts/wasm-profile.sh` makes one). Prints the module's sections, then each crate's share of the code section (function body
bytes; a generic function counts for the crate whose code was instantiated, as its symbol says),
then the largest functions. No dependency beyond Python's standard library.
"""
import re
import sys
import zlib
from collections import Counter

SECTIONS = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
            7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}


def leb(data, i, signed=False):
    """A LEB128 number at `i` (unsigned, or signed: the sign in bit 6 of the last byte) and the
    index after it."""
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if signed and byte & 0x40:
                value -= 1 << shift
            return value, i


def name(data, i):
    n, i = leb(data, i)
    return data[i:i + n].decode("utf-8", "replace"), i + n


def sections(data):
    assert data[:4] == b"\0asm", "not a Wasm module"
    i = 8
    while i < len(data):
        sid, i = data[i], i + 1
        size, i = leb(data, i)
        yield sid, data[i:i + size]
        i += size


def imported_functions(payload):
    count, i = leb(payload, 0)
    functions = 0
    for _ in range(count):
        _, i = name(payload, i)
        _, i = name(payload, i)
        kind, i = payload[i], i + 1
        if kind == 0:  # function: type index
            _, i = leb(payload, i)
            functions += 1
        elif kind == 1:  # table: reftype + limits
            i += 1
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 2:  # memory: limits
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 3:  # global: valtype + mutability
            i += 2
        else:  # tag
            i += 1
            _, i = leb(payload, i)
    return functions


def body_sizes(payload):
    count, i = leb(payload, 0)
    sizes = []
    for _ in range(count):
        size, i = leb(payload, i)
        sizes.append(size)
        i += size
    return sizes


def function_names(payload):
    _, i = name(payload, 0)  # "name"
    names = {}
    while i < len(payload):
        sub, i = payload[i], i + 1
        size, i = leb(payload, i)
        end = i + size
        if sub == 1:
            count, j = leb(payload, i)
            for _ in range(count):
                index, j = leb(payload, j)
                names[index], j = name(payload, j)
        i = end
    return names


def demangle_legacy(symbol):
    """`_ZN4core3fmt5write17h…E` → `core::fmt::write` (enough to find the crate)."""
    m = re.match(r"_ZN(.*)E$", symbol)
    if not m:
        return symbol
    rest, parts = m.group(1), []
    while rest and rest[0].isdigit():
        n = re.match(r"\d+", rest).group(0)
        rest = rest[len(n):]
        parts.append(rest[:int(n)])
        rest = rest[int(n):]
    text = "::".join(p for p in parts if not re.fullmatch(r"h[0-9a-f]{16}", p))
    for code, char in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","), ("..", "::"), ("$u7b$", "{"), ("$u7d$", "}")):
        text = text.replace(code, char)
    return text


def crate_of(function):
    if function.startswith("_R"):
        # v0 mangling (std is built with it): the first crate root, `C<disambiguator>_<len><name>`.
        m = re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)", function)
        if m:
            start = m.end()
            return function[start:start + int(m.group(1))]
    # wasm-bindgen demangles; v0 names then carry a crate hash: `core[c5930c85a12de822]::fmt`.
    text = re.sub(r"\[[0-9a-f]+\]", "", demangle_legacy(function))
    # `<serde_json::de::X as serde::de::Deserializer>::f` belongs to serde_json's code;
    # `<&T as core::fmt::Debug>::fmt` to the first named crate.
    m = re.search(r"[A-Za-z_][A-Za-z0-9_]*(?=::)", text)
    if m:
        return m.group(0)
    return "(" + (text.split("::")[0] or "unnamed")[:30] + ")"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    data = open(path, "rb").read()
    print(f"{path}: {len(data)} B raw, {len(zlib.compress(data, 9))} B deflate -9")
    imports, sizes, names, per_section = 0, [], {}, Counter()
    for sid, payload in sections(data):
        label = SECTIONS.get(sid, str(sid))
        if sid == 0:
            custom, _ = name(payload, 0)
            label = f"custom:{custom}"
            if custom == "name":
                names = function_names(payload)
        per_section[label] += len(payload)
        if sid == 2:
            imports = imported_functions(payload)
        elif sid == 10:
            sizes = body_sizes(payload)
    print("\nsections (bytes):")
    for label, size in per_section.most_common():
        print(f"  {size:>9}  {label}")
    if not names:
        sys.exit("no name section: build without strip (scripts/wasm-profile.sh)")
    per_crate, functions = Counter(), []
    for k, size in enumerate(sizes):
        fname = names.get(imports + k, f"<function {imports + k}>")
        per_crate[crate_of(fname)] += size
        functions.append((size, demangle_legacy(fname)))
    total = sum(sizes)
    print(f"\ncode section by crate ({total} B of function bodies, {len(sizes)} functions):")
    for crate, size in per_crate.most_common():
        print(f"  {size:>9}  {100 * size / total:5.1f} %  {crate}")
    print(f"\nlargest {top} functions:")
    for size, fname in sorted(functions, reverse=True)[:top]:
        print(f"  {size:>9}  {fname[:140]}")


if __name__ == "__main__":
    main()
