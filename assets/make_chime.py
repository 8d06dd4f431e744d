"""Make circle_tui/sounds/chime.wav, the gentle chime (issue 29): run `python assets/make_chime.py`.

Synthesised here from nothing but arithmetic, so it is ours and under the project's licence
(MIT). A small bowl-like tone: a 528 Hz fundamental with two quieter, slightly inharmonic
partials (as a singing bowl has), a 15 ms rise so it never clicks, and an exponential decay
to silence in 1.6 s. Its peak is a quarter of full scale (about −12 dBFS): a soft sound at
any volume the laptop is set to. Mono, 16-bit, 22,050 Hz. The same bytes every run (no
randomness, no dither): a test rebuilds it and compares."""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

RATE = 22_050
SECONDS = 1.6
PEAK = 0.25  # of full scale
FUNDAMENTAL = 528.0
#: (frequency ratio, loudness, decay time constant in seconds)
PARTIALS = ((1.0, 1.0, 0.45), (2.71, 0.35, 0.25), (5.18, 0.12, 0.12))
RISE = 0.015
OUT = Path(__file__).resolve().parent.parent / "circle_tui" / "sounds" / "chime.wav"


def samples() -> list[float]:
    """The chime, −1…1, before scaling to PEAK."""
    frames = int(RATE * SECONDS)
    out = []
    for i in range(frames):
        t = i / RATE
        value = sum(
            level * math.exp(-t / decay) * math.sin(2 * math.pi * FUNDAMENTAL * ratio * t)
            for ratio, level, decay in PARTIALS
        )
        rise = min(1.0, t / RISE)
        fall = min(1.0, (SECONDS - t) / 0.1)  # the last 0.1 s fades to exact silence
        out.append(value * rise * fall)
    return out


def chime_bytes() -> bytes:
    raw = samples()
    top = max(abs(v) for v in raw)
    scale = PEAK * 32767 / top
    data = b"".join(struct.pack("<h", round(v * scale)) for v in raw)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(data)
    return buffer.getvalue()


if __name__ == "__main__":
    OUT.write_bytes(chime_bytes())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
