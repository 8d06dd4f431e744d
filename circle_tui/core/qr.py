"""The feedback QR code: URL template expansion, validation, and the module matrix."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date as Date
from urllib.parse import quote, urlsplit, urlunsplit

from circle_tui.core.text import control_problem
from circle_tui.i18n import _

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
#: Larger versions have modules too small to scan from across a room on a terminal.
MAX_VERSION = 10
PLACEHOLDERS = ("date", "circle")
#: `{{` and `}}` stand for a brace itself, as in str.format.
_ESCAPED_BRACES = {"{{": "{", "}}": "}"}
_BRACES = re.compile(r"\{\{|\}\}|\{[^{}]*\}|[{}]")
#: Characters a URI may hold as they are: RFC 3986's reserved set and `%`, which already
#: begins an escape (letters, digits and `-._~` are always kept by `quote`).
_URI_SAFE = "!#$%&'()*+,/:;=?@[]"
_HOST_NAME = re.compile("[A-Za-z0-9._-]+").fullmatch
#: Bytes a version-MAX_VERSION code holds in byte mode at each error correction level (the
#: QR standard's capacity table, ISO/IEC 18004 table 7; a test checks it against qrcode).
#: A table rather than a trial encoding: checking the settings must not load qrcode and
#: Pillow, which only drawing a code needs.
BYTE_CAPACITY = {"M": 213, "Q": 151, "H": 119}


class QRError(ValueError):
    """A feedback URL that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class FeedbackURL:
    url: str
    warning: str = ""  # e.g. plain http


def _brace_problem(token: str, where: int) -> QRError:
    if token in ("{", "}"):
        return QRError(
            _(
                "the URL has an unmatched brace at character {n}; use {date} or "
                "{circle}, or write {{ and }} for a brace itself"
            ).format(n=where + 1, date="{date}", circle="{circle}")
        )
    name = token[1:-1]
    if name.isidentifier():
        return QRError(
            _(
                "unknown placeholder {token} in the feedback URL; only {date} and {circle} "
                "may be used (nothing that identifies a person)"
            ).format(token=token, date="{date}", circle="{circle}")
        )
    return QRError(
        _(
            "{token} in the feedback URL is not a placeholder: only {date} and {circle}, "
            "exactly so, are filled in (no formats, conversions, numbers or indexes)"
        ).format(token=token, date="{date}", circle="{circle}")
    )


def placeholders_in(template: str) -> list[str]:
    """The placeholders a template uses, in order; QRError for any brace that is not exactly
    `{date}`, `{circle}`, `{{` or `}}`.

    Not str.format: it would also run `{date:>10}`, `{circle!r}`, `{0}` and `{date.year}`,
    each a crash or a surprise in a URL someone typed."""
    names = []
    for found in _BRACES.finditer(template):
        token = found.group()
        if token[1:-1] in PLACEHOLDERS:
            names.append(token[1:-1])
        elif token not in _ESCAPED_BRACES:
            raise _brace_problem(token, found.start())
    return names


def expand(template: str, *, circle: str, day: Date) -> str:
    """Fill `{date}` and `{circle}`, URL-encoded; any other placeholder is refused."""
    placeholders_in(template)
    values = {
        "{date}": quote(day.isoformat(), safe=""),
        "{circle}": quote(circle, safe=""),
        **_ESCAPED_BRACES,
    }
    return _BRACES.sub(lambda found: values[found.group()], template)


def _ascii_host(host: str) -> str:
    import idna  # only for a host that needs it: its tables are large

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as err:
        raise QRError(
            _("the host {host} is not a valid domain name ({problem})").format(
                host=repr(host), problem=err
            )
        ) from None


def to_uri(url: str) -> str:
    """An IRI as the URI every decoder reads alike (RFC 3987 §3.1): a non-ASCII host as IDNA
    (`xn--…`), every other non-ASCII or unsafe character as UTF-8 percent-escapes."""
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport, "", ""
    if not hostport.startswith("[") and ":" in hostport:  # not an IPv6 literal
        host, colon, port = hostport.rpartition(":")
    if not host.isascii():
        host = _ascii_host(host)
    elif host and not (hostport.startswith("[") or _HOST_NAME(host)):
        raise QRError(_("the host {host} is not a valid domain name").format(host=repr(host)))
    if url.isascii() and quote(url, safe=_URI_SAFE) == url:
        return url  # already a URI: left exactly as written
    netloc = quote(userinfo, safe=_URI_SAFE) + at + host + colon + port
    return urlunsplit((parts.scheme, netloc, *(quote(p, safe=_URI_SAFE) for p in parts[2:])))


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _readable(match: re.Match[str]) -> str:
    """A run of percent-escapes as the characters they spell, where those are letters a
    person can read and type: ASCII (`%20`, `%2F`), spaces, controls and text-direction
    marks stay escaped, as RFC 3987 §3.2 asks, so the link still means the same."""
    escaped = match.group()
    try:
        text = bytes.fromhex(escaped.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return escaped
    out = []
    for char in text:
        visible = not char.isascii() and unicodedata.category(char)[0] not in "CZ"
        out.append(char if visible else quote(char, safe=""))
    return "".join(out)


def to_iri(uri: str) -> str:
    """The link as people read and type it (RFC 3987 §3.2): `xn--bcher-kva.example` as
    `bücher.example`, `reuni%C3%B3n` as `reunión`. For screens and the card's text; the QR
    code keeps the ASCII form every decoder reads alike."""
    parts = urlsplit(uri)
    netloc = parts.netloc
    if "xn--" in netloc.lower():
        import idna

        userinfo, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.partition(":") if "[" not in hostport else (hostport, "", "")
        # A name idna cannot read back is shown as it is.
        with contextlib.suppress(idna.IDNAError, UnicodeError):
            host = idna.decode(host)
        netloc = userinfo + at + host + colon + port
    rest = urlunsplit(("", "", *parts[2:]))
    return urlunsplit((parts.scheme, netloc, "", "", "")) + _ESCAPES.sub(_readable, rest)


def max_length(level: str) -> int:
    """The longest URL (in UTF-8 bytes) that fits in a version-MAX_VERSION code at `level`."""
    return BYTE_CAPACITY[level]


def feedback_url(template: str, *, circle: str, day: Date, level: str = "M") -> FeedbackURL:
    """Validate and expand the configured template into the URL the code will carry."""
    if not template.strip():
        raise QRError(_("no feedback URL is set; add feedback_url to the settings"))
    problem = control_problem(template)
    if problem:
        raise QRError(_("the feedback URL has {problem}").format(problem=problem))
    url = expand(template.strip(), circle=circle, day=day)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read for its check: a port that is no number raises
        url = to_uri(url)
    except ValueError as err:  # brackets that are no IPv6 address, a port out of range
        raise QRError(
            _(
                "the feedback URL is not a web address a phone can open ({problem}); check the "
                "part after https://"
            ).format(problem=err)
        ) from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise QRError(
            _("the feedback URL must start with https:// (got {start})").format(
                start=repr(url[:40])
            )
        )
    if len(url.encode("utf-8")) > max_length(level):
        raise QRError(
            _(
                "the feedback URL is {size} bytes; at error correction {level} at most {most} "
                "fit in a code a phone can scan from across the room — use a shorter link"
            ).format(size=len(url.encode("utf-8")), level=level, most=max_length(level))
        )
    warning = (
        ""
        if parts.scheme == "https"
        else _("this link is http://, not https://: answers travel unencrypted")
    )
    return FeedbackURL(url, warning)


def matrix(data: str, level: str = "M") -> list[list[bool]]:
    """The code's modules (True = dark), including the white quiet zone."""
    import qrcode  # here: it brings Pillow along, which nothing before the first code needs
    import qrcode.constants

    levels = {
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    code = qrcode.QRCode(error_correction=levels[level], border=QUIET_ZONE)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]
