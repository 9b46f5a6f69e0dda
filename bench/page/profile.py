#!/usr/bin/env python3
"""Per-crate profile of a Wasm module built with its name section (an unstripped build; see
README "Page size"). Function bodies are attributed to the crate their name starts with (for
`<T as Trait>::f`, T's crate; for a generic `core::…<T>`, core). Prints, per crate: the raw
bytes of its function bodies, their share of the code section, and the gzip -9 size of its
bodies compressed together (an estimate: gzip is not additive, the shares are what to read);
then the data section (string literals, tables) and the largest functions.

    python3 bench/page/profile.py FILE.wasm [TOP_FUNCTIONS]
"""
import gzip
import re
import sys
from collections import defaultdict


def leb(buf, pos):
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def sections(buf):
    assert buf[:4] == b"\0asm", "not a Wasm module"
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, pos = leb(buf, pos + 1)
        yield sid, buf[pos:pos + size]
        pos += size


def imported_functions(body):
    count, pos = leb(body, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):  # module name, field name
            n, pos = leb(body, pos)
            pos += n
        kind = body[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = leb(body, pos)
            funcs += 1
        elif kind == 1:  # table: reftype, limits
            pos += 1
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 3:  # global: valtype, mutability
            pos += 2
        else:  # tag
            pos += 1
            _, pos = leb(body, pos)
    return funcs


def function_names(body):
    names, pos = {}, 0
    while pos < len(body):
        sub = body[pos]
        size, pos = leb(body, pos + 1)
        if sub == 1:
            p = pos
            count, p = leb(body, p)
            for _ in range(count):
                idx, p = leb(body, p)
                n, p = leb(body, p)
                names[idx] = body[p:p + n].decode("utf-8", "replace")
                p += n
        pos += size
    return names


def demangle(name):
    """Legacy Rust mangling (`_ZN3foo3bar17h…E`) to `foo::bar`; anything else unchanged."""
    if not name.startswith("_ZN"):
        return name
    parts, pos = [], 3
    while pos < len(name) and name[pos].isdigit():
        digits = re.match(r"\d+", name[pos:]).group()
        pos += len(digits)
        parts.append(name[pos:pos + int(digits)])
        pos += int(digits)
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    return "::".join(parts).replace("$LT$", "<").replace("$GT$", ">").replace("$u20$", " ").replace("..", "::")


PRIMITIVES = {"str", "char", "bool", "f32", "f64", "u8", "u16", "u32", "u64", "u128", "usize",
              "i8", "i16", "i32", "i64", "i128", "isize"}


def crate_of(name):
    """The crate a function is counted under; `(…)` for what no crate path names."""
    name = re.sub(r"\[[0-9a-f]{16}\]", "", demangle(name)).lstrip("<&*_ [")
    for prefix in ("dyn ", "mut ", "const "):
        if name.startswith(prefix):
            name = name[len(prefix):]
    match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", name)
    if not match:
        return "(other)"
    word, rest = match.group(), name[match.end():]
    if word in PRIMITIVES:
        return "core (impls on primitives)"
    if rest.startswith("::"):
        return word
    if rest.startswith(" as ") or rest.startswith("<"):
        return "(generic impls: T, A, …)"
    return "(runtime: allocator, glue, exports)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    buf = open(path, "rb").read()
    imports, bodies, names, data = 0, [], {}, b""
    for sid, body in sections(buf):
        if sid == 2:
            imports = imported_functions(body)
        elif sid == 10:
            count, pos = leb(body, 0)
            for _ in range(count):
                size, pos = leb(body, pos)
                bodies.append(body[pos:pos + size])
                pos += size
        elif sid == 11:
            data = body
        elif sid == 0:
            n, pos = leb(body, 0)
            if body[pos:pos + n] == b"name":
                names = function_names(body[pos + n:])
    if not names:
        sys.exit(f"{path}: no name section (build without strip: see the script's doc)")
    per_crate = defaultdict(list)
    functions = []
    for i, code in enumerate(bodies):
        name = names.get(imports + i, f"func{imports + i}")
        per_crate[crate_of(name)].append(code)
        functions.append((len(code), demangle(name)))
    code_total = sum(len(b) for b in bodies)
    print(f"{path}: {len(buf)} B raw, {len(gzip.compress(buf, 9))} B gzip -9 (with its name section)")
    print(f"code section: {code_total} B in {len(bodies)} functions; data section: {len(data)} B raw, "
          f"{len(gzip.compress(data, 9))} B gzip -9")
    print(f"{'crate':34} {'code B':>8} {'share':>6} {'gzip B (alone)':>15} {'functions':>9}")
    rows = sorted(per_crate.items(), key=lambda kv: -sum(len(b) for b in kv[1]))
    for crate, codes in rows:
        raw = sum(len(b) for b in codes)
        print(f"{crate:34} {raw:8} {100 * raw / code_total:5.1f}% {len(gzip.compress(b''.join(codes), 9)):15} {len(codes):9}")
    for crate in ("konaplate_console", "konaplate_core"):
        modules = defaultdict(int)
        for size, name in functions:
            path = re.sub(r"\[[0-9a-f]{16}\]", "", name)
            if path.startswith(crate + "::"):
                modules["::".join(path.split("::")[:2])] += size
        if modules:
            print(f"{crate} by module (code B): " + ", ".join(
                f"{m.split('::')[1]} {n}" for m, n in sorted(modules.items(), key=lambda kv: -kv[1])))
    print(f"largest {top} functions:")
    for size, name in sorted(functions, reverse=True)[:top]:
        print(f"  {size:7}  {name[:150]}")


if __name__ == "__main__":
    main()
