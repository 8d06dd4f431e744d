"""What a plain install brings is what the package imports: every module it imports, anywhere
(inside functions too), is the standard library's or comes from a declared dependency."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "circle_tui"
#: Extras for working on circle-tui, never for running it: they must not stand in for a
#: runtime dependency.
TOOL_EXTRAS = {"test", "dev"}


def imports_of(path: Path) -> list[str]:
    """Every module a source file imports, absolute, wherever in the file the import is."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def sources(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements: list[str]) -> set[str]:
    return {_normal(re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0]) for req in requirements}


def declared() -> set[str]:
    """Distributions a user's install may bring: the dependencies and the optional extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = _names(project["dependencies"])
    for extra, requirements in project.get("optional-dependencies", {}).items():
        if extra not in TOOL_EXTRAS:
            names |= _names(requirements)
    return names


def undeclared_imports(allowed: set[str]) -> list[str]:
    """`file: module (distribution)` for each import that a plain install might not have."""
    providers = packages_distributions()
    stdlib = sys.stdlib_module_names | {"__future__"}
    found = []
    for path in sources(PACKAGE):
        for name in imports_of(path):
            top = name.split(".")[0]
            if top in stdlib or top == "circle_tui":
                continue
            dists = {_normal(d) for d in providers.get(top, [])}
            if not dists & allowed:
                where = ", ".join(sorted(dists)) or "not installed"
                found.append(f"{path.relative_to(ROOT)}: {name} ({where})")
    return sorted(set(found))


def test_every_module_the_package_imports_is_stdlib_or_declared():
    assert undeclared_imports(declared()) == []


def test_the_check_finds_a_dependency_that_only_a_tool_extra_brings():
    """The check itself: tomlkit, once only brought by hatchling in the test extra, is found
    when it is not declared."""
    missing = undeclared_imports(declared() - {"tomlkit"})
    assert any(": tomlkit (tomlkit)" in line for line in missing), missing


def test_build_and_lint_tools_are_not_in_the_test_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tools = {"build", "hatchling", "ruff", "twine"}
    assert _names(project["optional-dependencies"]["test"]) & tools == set()
