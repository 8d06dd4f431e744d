"""The feedback QR: URL validation, explicit black-on-white modules, and a card that scans."""

import io
import subprocess
import sys
from datetime import date

import pytest
import zxingcpp
from PIL import Image, ImageOps
from rich.console import Console

from circle_tui.cli import main
from circle_tui.core.qr import MAX_VERSION, QUIET_ZONE, QRError, feedback_url, matrix, max_length
from circle_tui.drawing.printed_card import render_card, wrap_to_width
from circle_tui.drawing.terminal_qr import BLACK, WHITE, QRRenderable

DAY = date(2026, 11, 27)
TEMPLATE = "https://forms.example.org/feedback?date={date}&circle={circle}"


def test_placeholders_are_filled_and_url_encoded():
    got = feedback_url(TEMPLATE, circle="Tuesday & friends", day=DAY)
    assert (
        got.url
        == "https://forms.example.org/feedback?date=2026-11-27&circle=Tuesday%20%26%20friends"
    )
    assert got.warning == ""


def test_plain_http_is_accepted_with_a_visible_warning():
    assert "http://" in feedback_url("http://example.org/f", circle="c", day=DAY).warning


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("https://example.org/f?who={name}", "unknown placeholder {name}"),
        ("ftp://example.org/f", "must start with https://"),
        ("example.org/f", "must start with https://"),
        ("https://example.org/{date", "unmatched brace"),
        ("", "no feedback URL is set"),
    ],
)
def test_rejected_urls_say_why(template, message):
    with pytest.raises(QRError, match=message.replace("{", r"\{").replace("}", r"\}")):
        feedback_url(template, circle="c", day=DAY)


@pytest.mark.parametrize("level", ["M", "Q", "H"])
def test_a_url_too_long_for_the_level_names_the_limit(level):
    limit = max_length(level)
    ok = "https://example.org/" + "a" * (limit - 20)
    assert feedback_url(ok, circle="c", day=DAY, level=level).url == ok
    with pytest.raises(QRError, match=f"at error correction {level} at most {limit} fit"):
        feedback_url(ok + "a", circle="c", day=DAY, level=level)


@pytest.mark.parametrize("level", ["M", "Q", "H"])
def test_the_capacity_table_is_what_a_largest_allowed_code_holds(level):
    import qrcode
    import qrcode.constants

    def version(data: str) -> int:
        correction = getattr(qrcode.constants, f"ERROR_CORRECT_{level}")
        code = qrcode.QRCode(error_correction=correction, border=0)
        code.add_data(data.encode("utf-8"))
        code.make(fit=True)
        return code.version

    limit = max_length(level)
    assert version("a" * limit) == MAX_VERSION < version("a" * (limit + 1))


def test_checking_a_url_loads_neither_qrcode_nor_pillow():
    code = (
        "import sys, datetime\n"
        "from circle_tui.core.qr import feedback_url\n"
        "feedback_url('https://example.org/{date}', circle='c', day=datetime.date.today())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qrcode', 'PIL')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_bad_feedback_url_in_the_config_exits_2_naming_the_key(isolated_dirs, capsys):
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text('feedback_url = "https://x.org/?p={person}"\n')
    assert main(["config"]) == 2
    assert "feedback_url: unknown placeholder {person}" in capsys.readouterr().err


def test_the_matrix_has_a_four_module_white_quiet_zone():
    modules = matrix("https://example.org")
    for ring in range(QUIET_ZONE):
        assert not any(modules[ring]) and not any(modules[-1 - ring])
        assert not any(row[ring] or row[-1 - ring] for row in modules)


def test_every_rendered_cell_is_pure_black_or_pure_white():
    console = Console(width=200, color_system="truecolor", file=io.StringIO())
    segments = list(
        QRRenderable(matrix("https://example.org/feedback")).__rich_console__(
            console, console.options
        )
    )
    colours = set()
    for seg in segments:
        if seg.text == "\n":
            continue
        assert set(seg.text) <= {"▀", "█"}
        colours |= {seg.style.color.get_truecolor().hex, seg.style.bgcolor.get_truecolor().hex}
    assert colours == {BLACK, WHITE}


def test_the_png_card_decodes_to_the_url_and_is_at_least_600_px_wide():
    url = feedback_url(TEMPLATE, circle="Tuesday circle", day=DAY).url
    image = render_card(url, "Tuesday circle")
    assert image.width >= 600
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


def test_cli_qr_png_writes_a_card_that_scans(isolated_dirs, tmp_path, capsys):
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text(f'feedback_url = "{TEMPLATE}"\ncircle_name = "Tuesday"\n')
    out = tmp_path / "card.png"
    assert main(["qr", "--png", str(out), "--size", "600"]) == 0
    image = Image.open(out)
    assert image.width == 600
    (result,) = zxingcpp.read_barcodes(image)
    assert result.text.startswith(
        "https://forms.example.org/feedback?date="
    ) and result.text.endswith("circle=Tuesday")


# -- templates that must not crash ----------------------------------------------------------------
@pytest.mark.parametrize(
    "template",
    [
        "https://example.org/?d={date:>10}",
        "https://example.org/?c={circle!r}",
        "https://example.org/?x={0}",
        "https://example.org/?x={}",
        "https://example.org/?y={date.year}",
        "https://example.org/?y={date[0]}",
        "https://example.org/?y={circle.__class__}",
    ],
)
def test_format_specs_conversions_and_indexes_are_not_placeholders(template):
    with pytest.raises(QRError, match="is not a placeholder: only {date} and {circle}"):
        feedback_url(template, circle="c", day=DAY)


def test_doubled_braces_stand_for_a_brace():
    got = feedback_url("https://example.org/{{x}}?d={date}", circle="c", day=DAY)
    assert got.url == "https://example.org/%7Bx%7D?d=2026-11-27"


@pytest.mark.parametrize(
    "template",
    [
        "https://[abc/f",
        "https://ex]ample.org/f",
        "https://[not-an-address]/f",
        "https://example.org:99999/f",
        "https://example.org:port/f",
        "https://exa mple.org/f",
        "https://bad_\u00e9_\u0000.org/f",
        "https://xn--a.example/f\u202e",
    ],
)
def test_urls_that_are_no_web_address_are_refused_with_a_message(template):
    with pytest.raises(QRError):
        feedback_url(template, circle="c", day=DAY)


def test_an_ipv6_literal_is_a_host():
    assert feedback_url("https://[2001:db8::1]:8443/f", circle="c", day=DAY).url == (
        "https://[2001:db8::1]:8443/f"
    )


IRI = "https://bücher.example/rückmeldung?kreis={circle}&frage=wie geht's#oben"
URI = (
    "https://xn--bcher-kva.example/r%C3%BCckmeldung?kreis=Caf%C3%A9%20%C3%91"
    "&frage=wie%20geht's#oben"
)


def test_an_iri_becomes_the_uri_every_decoder_reads():
    assert feedback_url(IRI, circle="Café Ñ", day=DAY).url == URI


def test_an_iri_card_decodes_with_zxing_to_the_percent_encoded_url():
    url = feedback_url(IRI, circle="Café Ñ", day=DAY).url
    (result,) = zxingcpp.read_barcodes(render_card(url, "Café Ñ"))
    assert result.text == URI


# -- the printed card --------------------------------------------------------------------------
def test_a_long_circle_name_wraps_on_the_card_instead_of_being_cut():
    from PIL import ImageFont

    name = "The Thursday evening integration circle of the river valley, upstairs room B"
    font = ImageFont.load_default(size=600 // 26)
    lines = wrap_to_width(name, font, 540)
    assert len(lines) >= 2 and " ".join(lines) == name
    assert all(font.getlength(line) <= 540 for line in lines)
    long_word = "x" * 200
    pieces = wrap_to_width(long_word, font, 540)
    assert "".join(pieces) == long_word and all(font.getlength(p) <= 540 for p in pieces)
    short, tall = (
        render_card("https://x.org/f", "Tue", size=600),
        render_card("https://x.org/f", name, size=600),
    )
    assert tall.height > short.height  # room was made for the extra lines
    assert [r.text for r in zxingcpp.read_barcodes(tall)] == ["https://x.org/f"]


# -- `circle-tui qr` in a terminal ---------------------------------------------------------------
@pytest.fixture
def qr_config(isolated_dirs):
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text(f'feedback_url = "{TEMPLATE}"\n')


def as_terminal(monkeypatch):
    """stdout as a colour terminal of 100 x 50; a test changes what it needs. Called in the
    test itself: capsys's stdout is in place only once the test runs."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    return monkeypatch


def test_cli_qr_draws_the_code_in_a_colour_terminal_wide_enough(qr_config, monkeypatch, capsys):
    as_terminal(monkeypatch)
    assert main(["qr"]) == 0
    out = capsys.readouterr().out
    assert "▀" in out and "\x1b[" in out and "https://forms.example.org/feedback" in out


def test_cli_qr_png_over_an_older_card_on_a_full_disk_keeps_it_whole(
    isolated_dirs, tmp_path, capsys, monkeypatch
):
    import os

    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text(f'feedback_url = "{TEMPLATE}"\n')
    out = tmp_path / "cards" / "card.png"
    out.parent.mkdir()
    out.write_bytes(b"last week's card")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert main(["qr", "--png", str(out)]) != 0
    err = capsys.readouterr().err
    assert str(out) in err and "Traceback" not in err
    assert out.read_bytes() == b"last week's card"
    assert sorted(p.name for p in out.parent.iterdir()) == ["card.png"]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (("isatty", False), "the output is not a terminal"),
        (("NO_COLOR", "1"), "NO_COLOR is set"),
        (("TERM", "dumb"), "TERM=dumb: this terminal shows no colours"),
        (("COLUMNS", "30"), "the code needs 49 columns and this terminal has 30"),
        (("LINES", "10"), "the code needs 26 lines and this terminal has 10"),
    ],
)
def test_cli_qr_refuses_a_code_that_could_not_scan_and_points_to_png(
    qr_config, monkeypatch, capsys, setting, message
):
    as_terminal(monkeypatch)
    name, value = setting
    if name == "isatty":
        monkeypatch.setattr(sys.stdout, "isatty", lambda: value)
    else:
        monkeypatch.setenv(name, value)
    assert main(["qr"]) == 2
    captured = capsys.readouterr()
    assert "▀" not in captured.out
    assert message in captured.err and "circle-tui qr --png card.png" in captured.err


# -- the card's letters: one bundled font for every script ----------------------------------
#: A private-use character: no font has a glyph for it, so it prints as the "missing" box.
NO_GLYPH = "\ue000"
CARD_URL = "https://forms.example.org/f?d=2026-12-07&c=C%C3%ADrculo"


def test_an_accented_circle_name_prints_as_letters_not_as_the_missing_box():
    """With Pillow's default font, í and a character no font has printed the same box."""
    named = render_card(CARD_URL, "Círculo de los martes", size=600)
    boxed = render_card(CARD_URL, f"C{NO_GLYPH}rculo de los martes", size=600)
    assert named.size == boxed.size
    assert named.tobytes() != boxed.tobytes()
    greek, hebrew = (render_card(CARD_URL, name, size=600).tobytes() for name in ("Ψυχή", "שרה"))
    assert render_card(CARD_URL, NO_GLYPH * 4, size=600).tobytes() not in (greek, hebrew)


def test_the_spanish_card_s_title_and_caption_print_their_accents(monkeypatch):
    from circle_tui import i18n
    from circle_tui.drawing import printed_card as card

    i18n.use("es")
    spanish = render_card(CARD_URL, "Martes", size=600)
    lines = [line for line, _font in card.card_lines(CARD_URL, "Martes", 600)]
    assert lines[0] == "Comentarios anónimos"
    assert "cámara del teléfono" in " ".join(lines)
    # The same card with each accented letter of its own words replaced by a missing glyph.
    boxed = {m: "".join(NO_GLYPH if c in "áéíóú" else c for c in m) for m in lines[:3]}
    monkeypatch.setattr(card, "_", lambda message: boxed.get(i18n._(message), i18n._(message)))
    assert render_card(CARD_URL, "Martes", size=600).tobytes() != spanish.tobytes()


def test_the_card_carries_the_link_as_text_people_can_type_and_the_code_the_ascii_form():
    from circle_tui.drawing import printed_card as card

    uri = "https://xn--bcher-kva.example/reuni%C3%B3n?d=2026-12-07&c=C%C3%ADrculo%20del%20martes"
    lines = [line for line, _font in card.card_lines(uri, "Martes", 600)]
    link = lines[3:]
    assert "".join(link) == "https://bücher.example/reunión?d=2026-12-07&c=Círculo%20del%20martes"
    assert all(line[0] in "h?&" or line.startswith("/") for line in link[:1])
    assert len(link) >= 2 and all(piece[0] in "?&" for piece in link[1:])  # broken at ? or &
    image = render_card(uri, "Martes", size=600)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [uri]

    def lowest_ink(card_image) -> int:
        return ImageOps.invert(card_image.convert("L")).getbbox()[3]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(card, "link_lines", lambda *args: [])
        no_link = render_card(uri, "Martes", size=600)
    assert lowest_ink(image) > lowest_ink(no_link) + 2 * card.card_lines(uri, "M", 600)[-1][1].size


def test_a_right_to_left_name_reads_right_to_left_with_or_without_pillow_s_layout_engine():
    from circle_tui.drawing import font

    assert font.visual_order("שרה") == "הרש"
    assert font.visual_order("Ana") == "Ana"
    assert font.visual_order("שרה 2") == "2 הרש"
    assert font.right_to_left("مريم") and not font.right_to_left("María")
    assert font.draws("ש") and font.draws("م") and font.draws("í") and font.draws("Ж")
    assert not font.draws("🌻") and not font.draws(NO_GLYPH)


# -- links as people read them ---------------------------------------------------------------
def test_a_link_is_shown_as_people_type_it_and_keeps_ascii_escapes_and_controls():
    from circle_tui.core.qr import to_iri

    uri = feedback_url(
        "https://bücher.example/reunión?d={date}&c={circle}", circle="Círculo 1", day=DAY
    ).url
    assert uri.startswith("https://xn--bcher-kva.example/reuni%C3%B3n?")
    assert to_iri(uri) == "https://bücher.example/reunión?d=2026-11-27&c=Círculo%201"
    # A space, an escaped & and a text-direction override stay escaped: the same link.
    assert (
        to_iri("https://x.example/a%20b%26c%E2%80%AEd") == "https://x.example/a%20b%26c%E2%80%AEd"
    )
    assert to_iri("https://x.example/%FF") == "https://x.example/%FF"  # not UTF-8: as it is


def test_a_link_wraps_only_at_a_slash_a_question_mark_or_an_ampersand():
    from circle_tui.drawing.terminal_qr import caption_lines

    link = "https://forms.example.org/f?d=2026-12-07&c=Círculo%20de%20los%20martes"
    for width in (41, 45, 60):
        lines = caption_lines(link, width)
        assert "".join(lines) == link
        assert all(len(line) <= width for line in lines)
        assert all(line[0] in "?&" or i == 0 for i, line in enumerate(lines))
    assert caption_lines(link, 41) == [
        "https://forms.example.org/f?d=2026-12-07",
        "&c=Círculo%20de%20los%20martes",
    ]
    assert "2026-12-" not in [line[-8:] for line in caption_lines(link, 30)]  # no split date
