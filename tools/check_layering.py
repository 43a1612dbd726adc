#!/usr/bin/env python3
"""Checks the layering rules of STYLE.md (b) on the source tree.

- Every `#include "m/..."` in src/<module>/ names the module itself or a
  module it may depend on (the table below, which mirrors STYLE.md).
- Every sw_library(... DEPS ...) in src/ declares only allowed modules.
- `x/internal/` headers are included only from inside module x.
- `store/testing/` (which can mint tenant scopes) is included only by tests.
Exit status 1 with one line per violation; 0 and a summary otherwise.
"""
import pathlib
import re
import sys

ENGINES_PURE = ["packet", "logs", "intel", "vuln", "correlate", "risk", "workflow"]
ENGINES = ENGINES_PURE + ["detect", "scan", "tamper"]
ALLOWED = {
    "core": [],
    "model": ["core"],
    "sys": ["core"],
    "store": ["core", "model"],
    **{e: ["core", "model"] for e in ENGINES_PURE},
    "detect": ["core", "model", "packet", "intel"],
    "scan": ["core", "model", "sys"],
    "tamper": ["core", "model", "sys"],
    "service": ["core", "model", "sys", "store"] + ENGINES,
    "sensor": ["core", "model", "sys", "packet", "detect", "intel"],
    "agent": ["core", "model", "sys", "logs"],
    "api": ["core", "model", "sys", "service"],
    "cmd": None,  # the top: anything below
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/([^"]+)"', re.M)
LIBRARY = re.compile(r"sw_library\(\s*NAME\s+(\w+)(.*?)\)", re.S)


def module_of(path: pathlib.Path, src: pathlib.Path) -> str:
    rel = path.relative_to(src)
    return rel.parts[0] if len(rel.parts) > 1 else ""


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    src = root / "src"
    errors = []
    files = 0
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cc"):
            continue
        files += 1
        mod = module_of(path, src)
        is_test = path.name.endswith("_test.cc")
        text = path.read_text(encoding="utf-8")
        for m in INCLUDE.finditer(text):
            target, rest = m.group(1), m.group(2)
            line = text.count("\n", 0, m.start()) + 1
            where = f"{path.relative_to(root)}:{line}"
            if target not in ALLOWED:
                continue  # not a module (e.g. "support/...")
            if target == "store" and rest.startswith("testing/") and not is_test:
                errors.append(f"{where}: store/testing/ mints tenant scopes and is for tests only")
            if "internal/" in rest and target != mod:
                errors.append(f"{where}: {target}/internal/ is private to {target}")
            if mod in ("", "cmd") or target == mod:
                continue
            if mod not in ALLOWED:
                errors.append(f"{where}: module {mod} is not in the layering table")
                continue
            if target not in ALLOWED[mod]:
                errors.append(f"{where}: {mod} must not depend on {target}")
    for cml in sorted(src.rglob("CMakeLists.txt")):
        for m in LIBRARY.finditer(cml.read_text(encoding="utf-8")):
            name = m.group(1)
            mod = "cmd" if name.startswith("cmd_") else name
            deps = re.search(r"DEPS\s+([\w\s]+?)(?:\s+(?:LIBS|TEST_LIBS)\b|$)", m.group(2).strip())
            for dep in (deps.group(1).split() if deps else []):
                dep_mod = "cmd" if dep.startswith("cmd_") else dep
                if mod == "cmd" or dep_mod == mod:
                    continue
                if mod not in ALLOWED or dep_mod not in (ALLOWED[mod] or []):
                    errors.append(f"{cml.relative_to(root)}: sw_library {name} declares DEPS {dep}, not allowed")
    for e in errors:
        print(e)
    if errors:
        print(f"layering: {len(errors)} violation(s)")
        return 1
    print(f"layering: {files} files checked, no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
