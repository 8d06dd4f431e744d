"""Install size: the packages a plain `pip install .` brings, against a bare Textual app's, in
one run (both venvs made now, from the same index).

    python benchmarks/install_size.py

Counts every file under site-packages except the installer's own (pip, setuptools), which any
venv has. Prints the two figures, the ratio and the heaviest packages of circle-tui's."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MIB = 100
INSTALLER = ("pip", "setuptools", "pkg_resources", "_distutils_hack", "distutils-precedence")


def packages(venv: Path) -> dict[str, int]:
    """Bytes per top-level entry of the venv's site-packages, the installer's left out."""
    (site,) = venv.glob("lib/python*/site-packages")
    sizes: dict[str, int] = {}
    for entry in site.iterdir():
        if entry.name.startswith(INSTALLER):
            continue
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        sizes[entry.name] = sum(p.stat().st_size for p in files)
    return sizes


def install(venv: Path, *what: str) -> dict[str, int]:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *what], check=True)
    return packages(venv)


def mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="circle-tui-size-") as tmp:
        ours = install(Path(tmp) / "circle-tui", str(ROOT))
        bare = install(Path(tmp) / "bare", "textual")
    total, bare_total = sum(ours.values()), sum(bare.values())
    print(f"circle-tui plain install: {mib(total)}  (target <= {TARGET_MIB} MiB)")
    print(f"bare Textual app:         {mib(bare_total)}  ratio {total / bare_total:.2f}x")
    heaviest = sorted(ours.items(), key=lambda item: -item[1])[:8]
    print("heaviest:", ", ".join(f"{name} {mib(size)}" for name, size in heaviest))
    return 0 if total <= TARGET_MIB * 2**20 else 1


if __name__ == "__main__":
    sys.exit(main())
