"""Generated command lines and environments for `circle-tui`, and what each must come to: an
exit status of 0, 1 or 2 with no traceback, an error said in one line, and the attendance
log unchanged by any command that failed. Shared by tests/fuzz/test_fuzz_cli.py (a bounded sample
in the suite) and tests/fuzz/long_run.py (thousands of cases, with counts).

Paths are what go wrong on a host's laptop: a folder that does not exist, a name too long,
a file where a folder should be, a device that is always full (/dev/full), places no one may
write (/proc, /sys), `~user` of nobody, and text with control characters and markup."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

TRICKY = ["\x1b[2J", "\x1b]0;x\x07", "\u202e", "[b]", "[/]", "~", "-", "--", "=", "é", " ", "\n"]
#: Any text a shell could pass: everything but NUL, which no command line or variable holds.
text = st.one_of(
    st.sampled_from(["Tuesday circle", "tue", "", "2026-11", "2026-11-24", "19:00", "9", "-1"]),
    st.lists(
        st.one_of(
            st.sampled_from(TRICKY),
            st.text(st.characters(exclude_characters="\x00", codec="utf-8"), max_size=6),
            # bytes that are no UTF-8, as a file name can hold and Python hands over
            st.binary(max_size=6).map(lambda b: os.fsdecode(b.replace(b"\x00", b""))),
        ),
        max_size=4,
    ).map("".join),
)


@dataclass(frozen=True)
class Sandbox:
    """A folder for one run: a data dir with a log in it, settings, and a file where a folder
    would be expected. HOME points inside it, and so does the working directory."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.data / "attendance.json"

    @classmethod
    def made(cls, root: Path) -> Sandbox:
        from tests.support.helpers import record

        box = cls(root)
        (root / "home").mkdir(parents=True, exist_ok=True)
        (root / "a-file").write_text("not a folder\n")
        (root / "config.toml").write_text('feedback_url = "https://forms.example.org/f"\n')
        box.data.mkdir(exist_ok=True)
        box.log.write_text(
            json.dumps({"sessions": {"1": record().to_dict(), "2": record("2026-11-17").to_dict()}})
        )
        (root / "export.json").write_text(json.dumps([record("2026-10-06").to_dict()]))
        return box


def paths(suffix: str) -> st.SearchStrategy[str]:
    """Where a file might be asked to go, or come from ({root} is the sandbox)."""
    return st.one_of(
        st.sampled_from(
            [
                "{root}/out" + suffix,
                "{root}/no/such/folder/out" + suffix,
                "{root}/" + "x" * 300 + suffix,
                "{root}/a-file/out" + suffix,
                "/proc/out" + suffix,
                "/sys/out" + suffix,
                "/dev/full",
                "~nosuchuser-circle/out" + suffix,
                "~/out" + suffix,
                "{root}/export.json",
                "{root}/config.toml",
                "{root}",
            ]
        ),
        text.map(lambda t: t + suffix),
    )


def _option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda v: [name, v])


report = st.tuples(st.just(["attendance", "report"]), paths(".html") | paths(".png"))
commands = st.one_of(
    st.just(["config"]),
    st.just(["config", "--init"]),
    st.just(["attendance"]),
    st.tuples(
        st.just(["attendance"]),
        st.sampled_from(["csv", "json", "table", "xml"]).map(lambda f: ["--format", f]),
    ).map(lambda t: t[0] + t[1]),
    st.tuples(
        st.just(["attendance", "summary"]),
        st.lists(
            st.one_of(
                _option("--by", st.sampled_from(["month", "circle", "weekday", "year", "x"])),
                _option("--since", text),
                _option("--until", text),
                _option("--circle", text),
            ),
            max_size=3,
        ),
    ).map(lambda t: t[0] + [w for o in t[1] for w in o]),
    report.map(lambda t: [*t[0], t[1]]),
    st.tuples(
        st.just(["attendance", "add"]),
        st.lists(
            st.one_of(
                _option("--circle", text),
                _option("--date", text),
                _option("--started", text),
                _option("--present", text),
                _option("--newcomers", text),
            ),
            max_size=5,
        ),
    ).map(lambda t: t[0] + [w for o in t[1] for w in o]),
    paths(".json").map(lambda p: ["attendance", "import", p]),
    paths(".csv").map(lambda p: ["attendance", "import", p]),
    st.just(["qr"]),
    paths(".png").map(lambda p: ["qr", "--png", p]),
    st.just(["privacy"]),
    st.just(["agreements", "list"]),
    text.map(lambda t: ["agreements", "show", t]),
    paths(".md").map(lambda p: ["agreements", "check", p]),
    st.just(["--help"]),
    st.just(["--version"]),
)


def mostly_none(values: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    """Usually the sandbox's own folder (so that commands get as far as writing), else
    anywhere."""
    return st.one_of(st.none(), st.none(), st.none(), values)


argvs = st.tuples(mostly_none(paths("")), mostly_none(paths(".toml")), commands)
#: CIRCLE_TUI_DATA_DIR and CIRCLE_TUI_CONFIG: the sandbox's, or anywhere.
envs = st.tuples(mostly_none(paths("")), mostly_none(paths(".toml")))


def outcome(box: Sandbox, argv_parts, env_parts) -> str:
    """Run one command line in `box`; the exit status it came to, after every check."""
    data_dir, config, command = argv_parts

    def fill(value: str) -> str:
        return value.replace("{root}", str(box.root))

    argv = []
    if data_dir is not None:
        argv += ["--data-dir", fill(data_dir)]
    if config is not None:
        argv += ["--config", fill(config)]
    argv += [fill(word) for word in command]
    env = {
        "HOME": str(box.root / "home"),
        "CIRCLE_TUI_DATA_DIR": str(box.data),
        "CIRCLE_TUI_CONFIG": str(box.root / "config.toml"),
    }
    for name, value in zip(("CIRCLE_TUI_DATA_DIR", "CIRCLE_TUI_CONFIG"), env_parts, strict=True):
        if value is not None:
            env[name] = fill(value)
    before = box.log.read_bytes() if box.log.exists() else None
    code, err = run(argv, env, box.root)
    assert "Traceback" not in err, (argv, err)
    assert code in (0, 1, 2), (argv, code, err)
    if code == 1:  # the disk or the system refused: one line naming what and what to do
        assert err.count("\n") == 1 and err.startswith("circle-tui: "), (argv, err)
    if code and box.log.exists() and before is not None:
        assert box.log.read_bytes() == before, (argv, err)  # a refusal changes nothing
    return f"exit {code}"


def run(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """`circle-tui ARGV` in this process, with `env` and `cwd`: exit status and stderr."""
    from circle_tui.cli import main

    saved_env = {k: os.environ.get(k) for k in env}
    saved_cwd = os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    os.environ.update(env)
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as done:  # argparse: --help, --version, a usage error
                code = done.code if isinstance(done.code, int) else 2
    finally:
        os.chdir(saved_cwd)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return code, err.getvalue()


def stdin_is_never_read() -> None:
    """No generated command reads stdin (`privacy --erase` is left out); make sure."""
    sys.stdin = io.StringIO("")
