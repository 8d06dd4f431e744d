"""The host's commands in Spanish, run as the real command: chosen by the system's locale
or by the config file, before `--help` is printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


def run(
    *argv: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "circle_tui", *argv],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


SPANISH = {"LANG": "es_ES.UTF-8"}


def test_help_in_spanish_from_the_system_locale():
    done = run("--help", env=SPANISH)
    assert done.returncode == 0
    assert done.stdout.startswith("uso: circle-tui")
    assert "mostrar esta ayuda y salir" in done.stdout
    assert "qué se guarda, dónde, y qué nunca" in done.stdout
    assert "show this help" not in done.stdout and "usage:" not in done.stdout


def test_help_in_spanish_from_the_config_file_on_an_english_system(isolated_dirs):
    config = isolated_dirs["config"]
    config.parent.mkdir(parents=True)
    config.write_text('language = "es"\n', encoding="utf-8")
    done = run("--config", str(config), "attendance", "--help", env={"LANG": "en_GB.UTF-8"})
    assert done.returncode == 0
    assert "listar los conteos" not in done.stdout  # that is the parent's line
    assert "solo este círculo" in done.stdout and "opciones:" in done.stdout


def test_english_stays_english_on_an_english_system():
    done = run("--help", env={"LANG": "en_GB.UTF-8"})
    assert done.stdout.startswith("usage: circle-tui") and "show this help" in done.stdout


def test_attendance_in_spanish_with_its_table_and_totals(isolated_dirs):
    from circle_tui.storage.attendance import AttendanceLog
    from tests.support.helpers import record

    log, _aside = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(day="2026-11-24", present=9, newcomers=3))
    log.close()
    empty = run("attendance", "--circle", "Nadie", env=SPANISH)
    assert "--circle 'Nadie' no coincide con ningún círculo." in empty.stderr
    done = run("attendance", env=SPANISH)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].split() == [
        "fecha",
        "círculo",
        "presentes",
        "1.ª",
        "vez",
        "regresan",
        "minutos",
        "estado",
    ]
    assert "completa" in lines[1]
    assert lines[-1] == (
        "1 sesión · 9 asistencias · 9,0 por sesión · 3 primeras visitas · segundas visitas sin "
        "contar"
    )


def test_agreements_check_in_spanish():
    good = run(
        "agreements",
        "check",
        str(ROOT / "circle_tui" / "agreements" / "peer-integration.es.md"),
        env=SPANISH,
    )
    assert good.returncode == 0
    assert "OK — 'Acuerdos del círculo de integración entre pares', 10 tarjetas" in good.stdout
    assert "palabras de apertura, palabras de cierre, palabras de pausa" in good.stdout


def test_an_agreement_file_s_problems_are_named_in_spanish(tmp_path):
    bad = tmp_path / "malo.md"
    bad.write_text("Texto suelto\n\n## \n\n## Vacío\n", encoding="utf-8")
    done = run("agreements", "check", str(bad), env=SPANISH)
    assert done.returncode == 2
    assert (
        f"{bad}:1: texto antes del `# Título` — empieza el archivo con una línea como"
        in done.stderr
    )
    assert "el acuerdo 'Vacío' está vacío" in done.stderr


def test_privacy_in_spanish(isolated_dirs):
    done = run("privacy", env=SPANISH)
    assert done.returncode == 0
    assert done.stdout.startswith("# Privacidad")
    assert "**Lo que nunca se guarda, en ningún sitio:**" in done.stdout
    erase = run("privacy", "--erase", env=SPANISH)
    assert "No hay datos de asistencia que borrar" in erase.stdout


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            "session_minutes = 5\n",
            "session_minutes: se esperaba un número entero de 10 a 1440, llegó 5",
        ),
        (  # every language there is a catalogue for, as Spanish lists them
            'language = "fr"\n',
            "language: se esperaba "
            + ", ".join(f'"{code}"' for code in ("auto", *LANGUAGES[:-1]))
            + f' o "{LANGUAGES[-1]}"',
        ),
        ("bell = \n", "(syntax): TOML mal formado"),
    ],
)
def test_a_config_error_in_spanish_names_the_file_and_key(isolated_dirs, config, expected):
    path = isolated_dirs["config"]
    path.parent.mkdir(parents=True)
    path.write_text(config, encoding="utf-8")
    done = run("config", env=SPANISH)
    assert done.returncode == 2
    assert done.stderr.startswith(f"circle-tui: {path}: ")
    assert expected in done.stderr


def test_a_usage_error_in_spanish():
    done = run("attendance", "add", "--circle", "X", env=SPANISH)
    assert done.returncode == 2
    assert "error: se necesitan los siguientes argumentos: --date, --present, --newcomers" in (
        done.stderr
    )
