#!/usr/bin/env python3
"""Makes the shipped wasm (after wasm-bindgen) convertible by binaryen's wasm2js, for the
strict-CSP measurement only (tests/e2e/MEASUREMENTS.md); nothing here ships.

wasm2js supports neither multi-value results nor a second (externref) table. So, on the text
form: each `(result i32 i32)` function (wasm-bindgen's "multivalue shims" that return a string's
pointer and length) returns the first value and leaves the second in a new global, read by a new
export `__ret_hi`; the export of the externref table is dropped (this module never stores a JS
value in it; the harness gives the glue a stand-in table object).
Usage: wasm2js-prep.py IN.wat OUT.wat
"""
import re
import sys

src = open(sys.argv[1]).read()


def matching(s, i):
    """Index after the s-expression starting at s[i] == '('."""
    depth = 0
    j = i
    while True:
        c = s[j]
        if c == '"':
            j += 1
            while s[j] != '"':
                j += 2 if s[j] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1


out = []
pos = 0
count = 0
for m in re.finditer(r"\(tuple\.make(?: 2)?(?=\s)", src):
    if m.start() < pos:
        continue
    start = m.start()
    end = matching(src, start)
    inner = src[m.end():end - 1]
    k = inner.index("(")
    a_end = matching(inner, k)
    a = inner[k:a_end]
    k2 = inner.index("(", a_end)
    b = inner[k2:matching(inner, k2)]
    out.append(src[pos:start])
    out.append(f"(block (result i32) (global.set $__ret_hi {b}) {a})")
    pos = end
    count += 1
out.append(src[pos:])
text = "".join(out).replace("(result i32 i32)", "(result i32)")
text = re.sub(r'\n \(export "__wbindgen_externrefs" \(table [^)]*\)\)', "", text)
first_global = text.index("\n (global ")
text = (text[:first_global] + "\n (global $__ret_hi (mut i32) (i32.const 0))"
        + "\n (func $__get_ret_hi (result i32) (global.get $__ret_hi))"
        + '\n (export "__ret_hi" (func $__get_ret_hi))' + text[first_global:])
open(sys.argv[2], "w").write(text)
print(f"{count} multi-value returns rewritten", file=sys.stderr)
