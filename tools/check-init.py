#!/usr/bin/python3
"""check-init.py [--fix] [DIR...]: every local struct variable is initialised where it is declared.

A struct that owns memory and is declared without an initialiser can be released on a path that never filled it
(issue 20: a survey submit freed an uninitialised error list and crashed the server). The build also zero-fills
automatic variables (-ftrivial-auto-var-init=zero), but the rule is written in the code so that it holds under every
compiler. Inside function bodies, `struct T name;` must read `struct T name = {0};` (or be set by an initialiser).
Prints each offending line and `N passed, N failed` (one check per file); --fix rewrites them."""
import os
import re
import sys

DECL = re.compile(r"^(\t+)struct ([a-z_][a-z0-9_]*) ([a-z_][a-z0-9_]*);(\s*/\*.*\*/)?$")


def function_bodies(lines):
    """Yields (index, line) for lines inside top-level function bodies (not struct, enum or array definitions)."""
    depth = 0
    in_fn = False
    for i, line in enumerate(lines):
        if depth == 0 and line.startswith("{") and i > 0 and lines[i - 1].rstrip().endswith(")"):
            in_fn = True
        if depth > 0 and in_fn:
            yield i, line
        # braces in strings and comments are rare enough at column level here; count them plainly
        code = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'', "", line.split("//")[0])
        depth += code.count("{") - code.count("}")
        if depth == 0:
            in_fn = False


def main():
    fix = "--fix" in sys.argv
    roots = [a for a in sys.argv[1:] if a != "--fix"] or ["src"]
    passed = failed = 0
    for root in roots:
        for dirpath, _, files in os.walk(root):
            for name in sorted(files):
                if not name.endswith(".c"):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    lines = f.read().split("\n")
                bad = []
                for i, line in function_bodies(lines):
                    m = DECL.match(line)
                    if m:
                        bad.append(i)
                        if fix:
                            lines[i] = f"{m.group(1)}struct {m.group(2)} {m.group(3)} = {{0}};{m.group(4) or ''}"
                if bad and not fix:
                    failed += 1
                    for i in bad:
                        print(f"{path}:{i + 1}: struct declared without an initialiser: {lines[i].strip()}")
                else:
                    passed += 1
                if bad and fix:
                    with open(path, "w", encoding="utf-8") as f:
                        f.write("\n".join(lines))
    print(f"initialised structs: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
