"""The built wheel carries the bundled files, and a non-editable install runs from anywhere."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built as pip builds it for a user: in an isolated environment with only what
    pyproject's build-system asks for, so nothing in the test environment can help."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("circle_tui-*.whl")
    return built


def test_the_wheel_ships_what_the_app_reads_and_nothing_else(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for md in (ROOT / "circle_tui" / "agreements").glob("*.md"):
        assert f"circle_tui/agreements/{md.name}" in names
    assert "circle_tui/ui/circle.tcss" in names
    assert "circle_tui/sounds/chime.wav" in names  # made by assets/make_chime.py
    assert "circle_tui/locale/es/LC_MESSAGES/circle_tui.mo" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    # Screenshots for the README, translators' sources and the map of the code are never read
    # at run time.
    never_read = [
        name
        for name in names
        if name.startswith("circle_tui/assets/")
        or name.endswith((".po", ".pot", ".cfg"))
        or (name.endswith(".md") and not name.startswith("circle_tui/agreements/"))
    ]
    assert never_read == []
    assert all(name.startswith(("circle_tui/", "circle_tui-")) for name in names)
    # The one font drawn as pixels (card, big names), with its licence.
    for font_file in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"):
        assert f"circle_tui/fonts/{font_file}" in names


def test_the_wheel_says_where_it_runs_and_under_which_licence(wheel):
    with zipfile.ZipFile(wheel) as whl:
        (name,) = [n for n in whl.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = whl.read(name).decode("utf-8")
    assert "\nLicense-Expression: MIT\n" in metadata
    for classifier in (
        "Operating System :: MacOS",
        "Operating System :: Microsoft :: Windows",
        "Operating System :: POSIX :: Linux",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.13",
    ):
        assert f"\nClassifier: {classifier}\n" in metadata


def test_a_non_editable_install_runs_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}

    def run(*argv: str) -> str:
        done = subprocess.run(argv, cwd=elsewhere, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run(str(target / "bin" / "circle-tui"), "--version").startswith("circle-tui ")
    help_text = run(sys.executable, "-m", "circle_tui", "--help")
    for command in ("config", "attendance", "agreements", "qr", "privacy"):
        assert command in help_text
    where = run(
        sys.executable,
        "-c",
        "from circle_tui.storage.bundled import bundled_dir; print(bundled_dir('agreements'))",
    ).strip()
    assert where == str(target / "circle_tui" / "agreements")
    assert (Path(where) / "peer-integration.md").is_file()

    # The installed command lists the bundled sets beside a facilitator's own.
    own = tmp_path / "config" / "agreements"
    own.mkdir(parents=True)
    (own / "our-circle.md").write_text("# Our circle\n\n## Listen\n\nDeeply.\n", encoding="utf-8")
    env["CIRCLE_TUI_CONFIG"] = str(tmp_path / "config" / "config.toml")
    listing = run(str(target / "bin" / "circle-tui"), "agreements", "list")
    from circle_tui.i18n import LANGUAGES

    twins = [
        f"{name}.{code} " for code in LANGUAGES[1:] for name in ("peer-integration", "resources")
    ]
    for name in ("peer-integration ", "drop-in ", "resources ", *twins):  # each language's too
        assert name in listing
    assert "our-circle" in listing and "yours" in listing


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = readme.split("```sh\n")[1:3]
    test_command = blocks[1].split("\n```")[0].strip()
    assert "pytest" in test_command
    assert test_command in ci.splitlines()


def test_the_readme_shows_exactly_the_file_config_init_writes():
    from circle_tui.settings.toml_file import default_config_text

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    settings = readme[readme.index("## Settings") :]
    shown = settings.split("```toml\n", 1)[1].split("\n```", 1)[0]
    assert shown == default_config_text().rstrip("\n")
