"""`contact-audit schedule` against a fake crontab and a fake systemctl in a temporary HOME:
the real crontab and systemd of the machine are never touched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from auditor.errors import UsageError
from auditor.portfolio.schedule import install, listed, remove
from tests.conftest import run_cli

FAKE_CRONTAB = """#!/bin/sh
# A crontab that keeps the table in $FAKE_CRONTAB_FILE.
case "$1" in
  -l) [ -f "$FAKE_CRONTAB_FILE" ] && exec cat "$FAKE_CRONTAB_FILE"; echo "no crontab for $(id -un)" >&2; exit 1 ;;
  -) cat > "$FAKE_CRONTAB_FILE" ;;
  *) exit 2 ;;
esac
"""
FAKE_SYSTEMCTL = """#!/bin/sh
echo "$@" >> "$FAKE_SYSTEMCTL_LOG"
"""


def fake(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A HOME, a PATH whose crontab and systemctl are fakes, and where the fakes write; set in
    this process too, so the schedule functions can be called directly."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake(bin_dir, "crontab", FAKE_CRONTAB)
    fake(bin_dir, "systemctl", FAKE_SYSTEMCTL)
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "clients.toml").write_text("[[sites]]\nname = 'A'\nurl = 'https://a.example/'\n", encoding="utf-8")
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "FAKE_CRONTAB_FILE": str(tmp_path / "crontab.txt"),
        "FAKE_SYSTEMCTL_LOG": str(tmp_path / "systemctl.log"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def test_cron_install_list_remove(machine: dict[str, str], tmp_path: Path) -> None:
    table = Path(machine["FAKE_CRONTAB_FILE"])
    table.write_text("MAILTO=ops@example.com\n15 3 * * * /usr/bin/backup\n", encoding="utf-8")
    portfolio = tmp_path / "clients.toml"
    done = run_cli("schedule", "install", str(portfolio), "--using", "cron", env=machine)
    assert done.returncode == 0, done.stderr
    assert "Scheduled 'clients' with cron (0 6 1 * *)" in done.stdout
    lines = table.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["MAILTO=ops@example.com", "15 3 * * * /usr/bin/backup"]  # the user's own lines stay
    assert lines[2].startswith("0 6 1 * * ") and lines[2].endswith(" 2>&1 # contact-audit:clients")
    assert f"-m auditor scan {portfolio} --quiet" in lines[2]
    again = install(portfolio, "clients", "30 5 * * 1", "cron")
    assert again.when == "30 5 * * 1"
    lines = table.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[2].startswith("30 5 * * 1 ")  # replaced, not added twice
    assert [(s.name, s.using, s.when) for s in listed()] == [("clients", "cron", "30 5 * * 1")]
    assert remove("clients") == ["the crontab entry"]
    assert table.read_text(encoding="utf-8").splitlines() == lines[:2]
    with pytest.raises(UsageError, match="there is no schedule named 'clients'"):
        remove("clients")


def test_systemd_user_timer(machine: dict[str, str], tmp_path: Path) -> None:
    made = install(tmp_path / "clients.toml", "monthly-scan", "monthly", "systemd")
    assert (made.using, made.when) == ("systemd", "*-*-01 06:00:00")
    units = Path(machine["XDG_CONFIG_HOME"]) / "systemd" / "user"
    timer = (units / "contact-audit-monthly-scan.timer").read_text(encoding="utf-8")
    service = (units / "contact-audit-monthly-scan.service").read_text(encoding="utf-8")
    assert "OnCalendar=*-*-01 06:00:00" in timer and "Persistent=true" in timer
    assert f"ExecStart={made.command}" in service and "-m auditor scan" in made.command
    calls = Path(machine["FAKE_SYSTEMCTL_LOG"]).read_text(encoding="utf-8").splitlines()
    assert calls == ["--user daemon-reload", "--user enable --now contact-audit-monthly-scan.timer"]
    assert [(s.name, s.using, s.when) for s in listed()] == [("monthly-scan", "systemd", "*-*-01 06:00:00")]
    assert remove("monthly-scan") == ["the systemd user timer"]
    assert not (units / "contact-audit-monthly-scan.timer").exists()
    assert Path(machine["FAKE_SYSTEMCTL_LOG"]).read_text(encoding="utf-8").splitlines()[-1] == (
        "--user disable --now contact-audit-monthly-scan.timer"
    )


@pytest.mark.parametrize(
    ("using", "at", "name", "message"),
    [
        ("cron", "sometimes", "x", "is neither monthly, weekly, daily nor a cron expression"),
        ("systemd", "0 6 1 * *", "x", "looks like a cron expression"),
        ("cron", "monthly", "a b", "cannot name a schedule"),
        ("cron", "61 25 * * *", "x", "'61' is not a valid minute"),
        ("cron", "0 6 32 * *", "x", "'32' is not a valid day of the month"),
        ("cron", "*/0 6 * * *", "x", "is not a valid minute"),
        ("cron", "0 6 * foo mon", "x", "'foo' is not a valid month"),
    ],
)
def test_bad_schedules(machine: dict[str, str], tmp_path: Path, using: str, at: str, name: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        install(tmp_path / "clients.toml", name, at, using)
    assert not Path(machine["FAKE_CRONTAB_FILE"]).exists()


def test_no_scheduler_at_all(machine: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(UsageError, match="neither crontab nor systemctl was found"):
        install(tmp_path / "clients.toml", "x")


@pytest.mark.parametrize("at", ["*/15 6-18 1,15 jan-jun mon-fri", "0 6 1 * *", "30 2 * * 7"])
def test_real_cron_times_are_taken_as_written(machine: dict[str, str], tmp_path: Path, at: str) -> None:
    install(tmp_path / "clients.toml", "x", at, "cron")
    assert at in Path(machine["FAKE_CRONTAB_FILE"]).read_text(encoding="utf-8")


def test_the_chosen_scheduler_must_exist(machine: dict[str, str], tmp_path: Path) -> None:
    only_fakes = machine["PATH"].split(os.pathsep)[0]
    (Path(only_fakes) / "crontab").unlink()  # this machine has systemctl but no cron
    done = run_cli(
        "schedule", "install", str(tmp_path / "clients.toml"), "--using", "cron", env={**machine, "PATH": only_fakes}
    )
    assert done.returncode == 2, done.stderr
    assert "crontab was not found" in done.stderr and "Traceback" not in done.stderr
