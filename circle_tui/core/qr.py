"""The feedback QR code: URL template expansion, validation, and the module matrix (DESIGN §8)."""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from datetime import date as Date
from urllib.parse import quote, urlsplit

import qrcode
import qrcode.constants

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
#: Larger versions have modules too small to scan from across a room on a terminal.
MAX_VERSION = 10
PLACEHOLDERS = ("date", "circle")
LEVELS = {
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


class QRError(ValueError):
    """A feedback URL that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class FeedbackURL:
    url: str
    warning: str = ""  # e.g. plain http


def placeholders_in(template: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as err:
        raise QRError(
            f"the URL has an unmatched brace ({err}); use {{date}} or {{circle}}"
        ) from None


def expand(template: str, *, circle: str, day: Date) -> str:
    """Fill `{date}` and `{circle}`, URL-encoded; any other placeholder is refused."""
    for name in placeholders_in(template):
        if name not in PLACEHOLDERS:
            raise QRError(
                f"unknown placeholder {{{name}}} in the feedback URL; only {{date}} and {{circle}} "
                "may be used (nothing that identifies a person)"
            )
    return template.format(date=quote(day.isoformat(), safe=""), circle=quote(circle, safe=""))


@functools.cache
def max_length(level: str) -> int:
    """The longest URL (in UTF-8 bytes) that fits in a version-MAX_VERSION code at `level`."""
    low, high = 1, 1000
    while low < high:
        mid = (low + high + 1) // 2
        if _version("a" * mid, level) <= MAX_VERSION:
            low = mid
        else:
            high = mid - 1
    return low


def _version(data: str, level: str) -> int:
    code = qrcode.QRCode(error_correction=LEVELS[level], border=0)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return code.version


def feedback_url(template: str, *, circle: str, day: Date, level: str = "M") -> FeedbackURL:
    """Validate and expand the configured template into the URL the code will carry."""
    if not template.strip():
        raise QRError("no feedback URL is set; add feedback_url to the settings")
    url = expand(template.strip(), circle=circle, day=day)
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise QRError(f"the feedback URL must start with https:// (got {url[:40]!r})")
    if len(url.encode("utf-8")) > max_length(level):
        raise QRError(
            f"the feedback URL is {len(url.encode('utf-8'))} bytes; at error correction {level} "
            f"at most {max_length(level)} fit in a code a phone can scan from across the room — "
            "use a shorter link"
        )
    warning = (
        ""
        if parts.scheme == "https"
        else "this link is http://, not https://: answers travel unencrypted"
    )
    return FeedbackURL(url, warning)


def matrix(data: str, level: str = "M") -> list[list[bool]]:
    """The code's modules (True = dark), including the white quiet zone."""
    code = qrcode.QRCode(error_correction=LEVELS[level], border=QUIET_ZONE)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]
