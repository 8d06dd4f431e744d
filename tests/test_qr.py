"""The feedback QR: URL validation, explicit black-on-white modules, and a card that scans."""

import io
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from rich.console import Console

from circle_tui.card import render_card
from circle_tui.cli import main
from circle_tui.core.qr import QUIET_ZONE, QRError, feedback_url, matrix, max_length
from circle_tui.terminal_qr import BLACK, WHITE, QRRenderable

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
        assert seg.text == "▀"
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
