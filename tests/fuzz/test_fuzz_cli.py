"""Fuzzing the command line: generated arguments and environment variables (paths that cannot
be written, `~user` of nobody, control characters, markup) give an exit status of 0, 1 or 2,
never a traceback; a failure is said in one line, and a refused command changes no log.

A bounded sample here (CIRCLE_TUI_FUZZ_EXAMPLES raises it); the long run with its counts is
`python tests/fuzz/long_run.py`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.fuzz.cli_cases import Sandbox, argvs, envs, outcome

SAMPLE = settings(
    max_examples=int(os.environ.get("CIRCLE_TUI_FUZZ_EXAMPLES", "150")),
    deadline=None,  # a report now and then takes a while on a busy machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SAMPLE
@given(argvs, envs)
def test_any_command_line_ends_in_an_exit_status_and_never_a_traceback(argv, env):
    with tempfile.TemporaryDirectory(prefix="ct-fuzz-") as root:
        assert outcome(Sandbox.made(Path(root)), argv, env) in ("exit 0", "exit 1", "exit 2")
