"""Fuzzing the doors a facilitator's own text comes through: config files, typed names and the
settings screen's fields. Only the documented errors may come out, and what is accepted is
clean and survives the writer.

At least 500 examples per target (the "fuzz" profile of tests/fuzz/test_fuzz.py), driving the
functions the screens call; a smaller sample drives the real screens with Pilot, which costs
about a second an example (CIRCLE_TUI_FUZZ_UI_EXAMPLES raises it). See the counts with
`pytest tests/fuzz/test_fuzz_settings.py --hypothesis-show-statistics`."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import pytest
import tomlkit
from hypothesis import event, given, settings
from hypothesis import strategies as st
from textual import events
from textual.content import Content
from textual.widgets import Input, Select, Static, Switch

from circle_tui.core.circle import Circle
from circle_tui.core.clock import FakeClock
from circle_tui.core.people import MAX_NAME, NameRefused, clean_name
from circle_tui.core.text import first_control
from circle_tui.settings import ConfigError, Settings, load_settings
from circle_tui.settings.checks import settings_from_fields, settings_from_mapping
from circle_tui.settings.rounds import ROUND_KEYS, round_table
from circle_tui.settings.schema import declarations, declared
from circle_tui.settings.toml_file import parse_toml, settings_to_toml, updated_config_text
from circle_tui.ui.screens.settings import SettingsScreen, field_id
from circle_tui.ui.widgets.rounds_editor import RoundRow
from tests.app.test_settings import OTHER
from tests.fuzz.test_fuzz import FRAGMENTS, FUZZ, mutated, templates, tricky_text
from tests.support.scenario import Facilitator, scripted_app

DECLARED = declared()

#: Pilot examples: each starts the app, so a few dozen, not hundreds.
UI_EXAMPLES = int(os.environ.get("CIRCLE_TUI_FUZZ_UI_EXAMPLES", "10"))
FUZZ_UI = settings(FUZZ, max_examples=UI_EXAMPLES)

NUMBERS_AS_TYPED = [
    "0", "-0", "+5", " 30 ", "1_000", "1e3", "0x10", "3.5", "²", "١٢٠", "٣", "9" * 5000,
    "99999999999", "-99999999999", "", " ", "60", "120",
]  # fmt: skip


def settings_text(d) -> st.SearchStrategy[str]:
    """What a facilitator may type into a text setting, as they mean it or otherwise."""
    plausible = [str(d.default), *d.rule.choices, *d.rule.refused, "Tuesday circle", "drop-in"]
    pieces = [st.sampled_from(plausible), tricky_text, st.text(max_size=120)]
    if d.key.endswith("_url"):
        pieces.append(templates())
    return st.one_of(*pieces)


def number_text(d) -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(d.rule.low - 5, d.rule.high + 5).map(str),
        st.integers(-(10**30), 10**30).map(str),
        st.sampled_from(NUMBERS_AS_TYPED),
        tricky_text,
    )


round_rows = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.one_of(st.sampled_from(["check-in", "sharing", " ", ""]), tricky_text),
            "minutes": st.one_of(st.integers(-2, 70).map(str), st.sampled_from(NUMBERS_AS_TYPED)),
            "prompt": st.one_of(st.just(""), tricky_text, st.text(max_size=220)),
            "closing": st.booleans(),
        }
    ),
    min_size=1,
    max_size=4,
)


def as_typed(d, value) -> object:
    """A setting's value as its field on the settings screen holds it."""
    return d.kind.to_field(value)


def field_text(d) -> st.SearchStrategy:
    """What may end up in one field: a good value, or text typed or pasted in any way."""
    good = st.sampled_from([as_typed(d, d.default), as_typed(d, OTHER[d.name])])
    if d.kind.field == "switch":
        return st.booleans()
    if d.kind.field in ("integer", "number"):
        return st.one_of(good, number_text(d))
    if d.kind.field == "rounds":
        return st.one_of(good, round_rows)
    return st.one_of(good, settings_text(d))


@st.composite
def typed_fields(draw):
    """Every field of the settings screen: most as they were, one to four typed in anew."""
    fields = {d.key: as_typed(d, d.default) for d in declarations()}
    for key in draw(st.lists(st.sampled_from(list(DECLARED)), min_size=1, max_size=4, unique=True)):
        fields[key] = draw(field_text(DECLARED[key]))
    return fields


def clean(settings: Settings) -> None:
    """Accepted settings hold no control character, and the writer keeps them exactly."""
    for d in declarations():
        if d.kind.field == "text":
            assert first_control(getattr(settings, d.name)) is None
    for spec in settings.rounds:
        assert first_control(spec.name + spec.prompt) is None
    written = settings_to_toml(settings)
    assert settings_from_mapping(parse_toml(written, "written"), "written") == settings


# -- the settings screen's fields ----------------------------------------------------------------
@FUZZ
@given(typed_fields())
def test_any_text_in_the_settings_fields_gives_settings_or_a_message_for_its_field(fields):
    try:
        accepted = settings_from_fields(fields)
    except ConfigError as err:
        field = err.key.split("[")[0].split(".")[0]
        assert field in DECLARED and err.expected
        event(f"refused: {field}")
        return
    event("accepted")
    clean(accepted)


# -- config files -------------------------------------------------------------------------------
scalars = st.one_of(
    tricky_text,
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.times(),
    st.sampled_from(["M", "L", "h", "textual-dark", "peer-integration", "seat", "{date}"]),
)
toml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(ROUND_KEYS), tricky_text), inner, max_size=4),
    ),
    max_leaves=12,
)
plausible_round = st.fixed_dictionaries(
    {"name": st.sampled_from(["check-in", "sharing"]), "minutes": st.integers(-1, 61)},
    optional={"prompt": tricky_text, "closing": st.booleans()},
)


def file_value(d, value) -> object:
    return [round_table(spec) for spec in value] if d.kind.field == "rounds" else value


good_entries = st.sampled_from(list(declarations())).flatmap(
    lambda d: st.tuples(
        st.just(d.key),
        st.sampled_from([file_value(d, d.default), file_value(d, OTHER[d.name])]),
    )
)
odd_entries = st.tuples(
    st.one_of(st.sampled_from([*DECLARED, "rounds", "minutes"]), tricky_text),
    st.one_of(toml_values, st.lists(plausible_round, min_size=1, max_size=3)),
)
#: A settings file: mostly good lines, as people write them, and now and then an odd one.
documents = st.lists(st.one_of(good_entries, good_entries, odd_entries), max_size=6).map(dict)


def as_toml(doc: dict) -> str:
    """The document as tomlkit writes it; a value tomlkit cannot write is left out."""
    out = tomlkit.document()
    for key, value in doc.items():
        try:
            out[key] = value
            tomlkit.dumps(out)
        except Exception:  # noqa: BLE001 - only the file's text matters, not how it was made
            out.pop(key, None)
    return tomlkit.dumps(out)


config_files = st.one_of(
    documents.map(as_toml).flatmap(mutated),
    documents.map(as_toml).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(FRAGMENTS + ["[[round]]", "[minutes]", "x = 1", "= "])).map(
        lambda parts: "\n".join(parts).encode("utf-8", "surrogatepass")
    ),
    st.binary(max_size=200),
)


@pytest.fixture(scope="module")
def config_dir():
    with tempfile.TemporaryDirectory(prefix="fuzz-config-") as folder:
        yield Path(folder)


@FUZZ
@given(content=config_files)
def test_config_files_give_settings_or_one_config_error_naming_the_file(config_dir, content):
    path = config_dir / "config.toml"
    path.write_bytes(content)
    try:
        loaded = load_settings(path)
    except ConfigError as err:
        assert err.path == str(path) and err.key and err.expected
        assert first_control(str(err)) is None  # one line, nothing that drives a terminal
        event(f"refused: {err.key if err.key.startswith('(') else 'a value'}")
        return
    event("accepted")
    clean(loaded)
    try:  # the settings screen saves into the file as it is, keeping its comments
        again = updated_config_text(loaded, path)
    except ConfigError as err:
        assert err.key == "(syntax)"
        event("the writer cannot keep this file's layout")
        return
    assert settings_from_mapping(parse_toml(again, path), path) == loaded


# -- typed names --------------------------------------------------------------------------------
@FUZZ
@given(st.lists(st.one_of(tricky_text, st.text(max_size=40)), min_size=1, max_size=4))
def test_typed_names_are_refused_with_a_message_or_counted_under_a_clean_label(names):
    circle = Circle(Settings().rounds, clock=FakeClock())
    counted = 0
    for text in names:
        try:
            name = clean_name(text)
        except NameRefused as err:
            assert str(err).startswith(("a control", "a lone", "an invisible", "a text-dir"))
            with pytest.raises(NameRefused):
                circle.arrive(name=text)
            assert circle.counts().present == counted
            event("refused")
            continue
        person = circle.arrive(name=text)
        counted += 1
        assert circle.counts().present == counted
        label = person.label
        assert first_control(label) is None and label == label.strip()
        assert label == (name or f"Seat {person.seat}") and len(name or "") <= MAX_NAME
        assert Content(label).plain == label  # shown as typed, never as markup
        event("named" if name else "blank: a seat")
    circle.forget_names()
    assert all(p.name is None for p in circle.participants)


# -- the real screens, a smaller sample ---------------------------------------------------------
def on_a_fresh_app(script) -> None:
    """Run `script(app, facilitator)` on a new app in its own folders at 80×24."""

    async def run() -> None:
        with tempfile.TemporaryDirectory(prefix="fuzz-ui-") as root:
            app = scripted_app(Path(root))
            async with app.run_test(size=(80, 24)) as pilot:
                await script(app, Facilitator(pilot))
            assert app.return_code in (None, 0)

    asyncio.run(run())


@pytest.mark.slow
@FUZZ_UI
@given(typed_fields())
def test_the_settings_screen_takes_any_typed_text_without_a_traceback(fields):
    async def script(app, f: Facilitator) -> None:
        await f.press("s")
        screen = app.screen
        for d in declarations():
            widget = screen.query_one("#" + field_id(d.key))
            if (
                isinstance(widget, Input | Switch)
                or isinstance(widget, Select)
                and fields[d.key] in screen.choices(d)
            ):
                widget.value = fields[d.key]
        for row, typed in zip(screen.query(RoundRow), fields["round"], strict=False):
            for name in ("name", "minutes", "prompt"):
                row.query_one(f".round-{name}", Input).value = typed[name]
        await f.pilot.pause()
        valid = screen.validate()
        await f.press("ctrl+s")
        if valid is None:
            assert isinstance(app.screen, SettingsScreen)
            status = str(screen.query_one("#settings-status", Static).render())
            assert status.startswith("Not saved: ")
            event("refused on the screen")
        else:
            assert not isinstance(app.screen, SettingsScreen)
            assert load_settings(app.session.paths.config_file) == app.session.settings
            event("saved")

    on_a_fresh_app(script)


@pytest.mark.slow
@FUZZ_UI
@given(st.lists(st.one_of(tricky_text, st.text(max_size=30)), min_size=1, max_size=3))
def test_names_pasted_at_the_arrivals_prompt_count_once_or_are_refused(names):
    async def script(app, f: Facilitator) -> None:
        await f.press("enter")
        expected = 0
        for text in names:
            await f.press("t")
            field = app.screen.query_one("#name", Input)
            field.post_message(events.Paste(text))
            await f.pilot.pause()
            typed = field.value  # a paste keeps its first line, up to the field's length
            try:
                clean_name(typed)
            except NameRefused:
                await f.press("enter")
                assert field.display and field.value == typed  # kept, with the reason
                assert "Not counted" in str(app.screen.query_one("#last-action").render())
                await f.press("escape")
                event("refused")
                continue
            await f.press("enter")
            assert not field.display
            expected += 1
            event("counted")
        assert app.session.circle.counts().present == expected

    on_a_fresh_app(script)
