"""The draft writer: one thread, the newest state wins, failures are reported."""

import threading

from circle_tui.storage.writer import LatestWriter


def test_requests_collapse_and_the_last_state_is_written():
    gate = threading.Event()
    written, state = [], {"n": 0}

    def write():
        gate.wait()
        written.append(state["n"])

    before = threading.active_count()
    writer = LatestWriter(write, on_error=lambda err: None)
    for n in range(1, 6):
        state["n"] = n
        writer.request()
    assert threading.active_count() == before + 1  # one thread, however many requests
    gate.set()
    assert writer.flush()
    assert written[-1] == 5 and len(written) <= 2
    writer.close()
    assert threading.active_count() == before


def test_a_failed_write_is_reported_and_the_writer_keeps_going():
    errors, calls = [], []

    def write():
        calls.append(1)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")

    writer = LatestWriter(write, on_error=errors.append)
    writer.request()
    assert writer.flush()
    writer.request()
    assert writer.flush()
    assert len(calls) == 2 and isinstance(errors[0], OSError)
