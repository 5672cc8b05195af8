"""Schedule `contact-audit scan PORTFOLIO` with what the machine already has, for this user only:
a crontab entry, or a systemd user timer. Nothing system-wide, no root.

Entries are found again by a marker (`# contact-audit:NAME` at the end of the cron line,
`contact-audit-NAME.timer` for systemd), so `list` and `remove` touch nothing else.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import UsageError

EVERY = {
    # name: (cron fields, systemd OnCalendar)
    "monthly": ("0 6 1 * *", "*-*-01 06:00:00"),
    "weekly": ("0 6 * * 1", "Mon *-*-* 06:00:00"),
    "daily": ("0 6 * * *", "*-*-* 06:00:00"),
}
MARKER = "# contact-audit:"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
# (what, lowest, highest, names) of the five fields of a cron time.
CRON_FIELDS = (
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day of the month", 1, 31, ()),
    ("month", 1, 12, _MONTHS),
    ("day of the week", 0, 7, _DAYS),
)
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


@dataclass(frozen=True)
class Schedule:
    name: str
    using: str  # cron or systemd
    when: str
    command: str


def unit_dir() -> Path:
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "systemd" / "user"


def choose(using: str) -> str:
    if using == "cron" and not shutil.which("crontab"):
        raise UsageError("--using cron: crontab was not found; install cron, or use --using systemd")
    if using == "systemd" and not shutil.which("systemctl"):
        raise UsageError("--using systemd: systemctl was not found; use --using cron")
    if using in ("cron", "systemd"):
        return using
    if shutil.which("crontab"):
        return "cron"
    if shutil.which("systemctl"):
        return "systemd"
    raise UsageError("neither crontab nor systemctl was found: install cron, or run the scan from your own scheduler")


def scan_command(portfolio: Path) -> str:
    """The command the schedule runs: this Python, this package, the portfolio by absolute path."""
    out = f"{shlex.quote(sys.executable)} -m auditor scan {shlex.quote(str(portfolio.resolve()))} --quiet"
    return out


def _check_name(name: str) -> str:
    if not NAME.match(name):
        raise UsageError(f"'{name}' cannot name a schedule: use letters, digits, '-', '_' or '.'")
    return name


def _cron_value(text: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    if text in names:
        return True
    return text.isdigit() and low <= int(text) <= high


def _cron_field(field: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    """One field of a cron time: `*`, a value, a range, a step (`*/15`, `1-5/2`), or a list of them."""
    for part in field.split(","):
        base, slash, step = part.partition("/")
        if slash and not (step.isdigit() and int(step) > 0):
            return False
        if base == "*":
            continue
        first, dash, last = base.partition("-")
        if not _cron_value(first, low, high, names) or (dash and not _cron_value(last, low, high, names)):
            return False
    return bool(field)


def _when(at: str, using: str) -> str:
    if at in EVERY:
        return EVERY[at][0 if using == "cron" else 1]
    if using == "cron":
        if len(at.split()) != 5:
            raise UsageError(f"--at '{at}' is neither monthly, weekly, daily nor a cron expression of 5 fields")
        for field, (what, low, high, names) in zip(at.split(), CRON_FIELDS, strict=True):
            if not _cron_field(field.lower(), low, high, names):
                raise UsageError(f"--at '{at}': '{field}' is not a valid {what} ({low}-{high})")
        return at
    if len(at.split()) == 5 and not re.search(r"[:\-]", at):
        raise UsageError(f"--at '{at}' looks like a cron expression; systemd timers take an OnCalendar time")
    return at


def _crontab(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["crontab", *args], input=stdin, capture_output=True, text=True, timeout=30)


def _cron_lines() -> list[str]:
    done = _crontab("-l")
    if done.returncode != 0:
        if "no crontab" in (done.stderr + done.stdout).lower():
            return []
        raise UsageError(f"crontab -l failed: {(done.stderr or done.stdout).strip() or done.returncode}")
    return done.stdout.splitlines()


def _write_cron(lines: list[str]) -> None:
    done = _crontab("-", stdin="\n".join(lines) + "\n" if lines else "")
    if done.returncode != 0:
        raise UsageError(f"crontab could not be written: {(done.stderr or done.stdout).strip()}")


def _systemctl(*args: str) -> None:
    done = subprocess.run(["systemctl", "--user", *args], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise UsageError(f"systemctl --user {' '.join(args)} failed: {(done.stderr or done.stdout).strip()}")


def install(portfolio: Path, name: str, at: str = "monthly", using: str = "auto") -> Schedule:
    """Add (or replace) the schedule called `name`."""
    _check_name(name)
    how = choose(using)
    when = _when(at, how)
    command = scan_command(portfolio)
    if how == "cron":
        log = shlex.quote(str(portfolio.resolve().parent / f"contact-audit-{name}.log"))
        kept = [line for line in _cron_lines() if not line.rstrip().endswith(f"{MARKER}{name}")]
        _write_cron([*kept, f"{when} {command} >> {log} 2>&1 {MARKER}{name}"])
        return Schedule(name, how, when, command)
    units = unit_dir()
    units.mkdir(parents=True, exist_ok=True)
    (units / f"contact-audit-{name}.service").write_text(
        f"[Unit]\nDescription=contact-audit scan {name}\n\n[Service]\nType=oneshot\n"
        f"WorkingDirectory={portfolio.resolve().parent}\nExecStart={command}\n",
        encoding="utf-8",
    )
    (units / f"contact-audit-{name}.timer").write_text(
        f"[Unit]\nDescription=contact-audit scan {name}\n\n[Timer]\nOnCalendar={when}\n"
        "Persistent=true\n\n[Install]\nWantedBy=timers.target\n",
        encoding="utf-8",
    )
    _systemctl("daemon-reload")
    _systemctl("enable", "--now", f"contact-audit-{name}.timer")
    return Schedule(name, how, when, command)


def listed() -> list[Schedule]:
    found: list[Schedule] = []
    if shutil.which("crontab"):
        for line in _cron_lines():
            if MARKER in line and not line.lstrip().startswith("#"):
                entry, _, name = line.rpartition(MARKER)
                fields = entry.split()
                found.append(Schedule(name.strip(), "cron", " ".join(fields[:5]), " ".join(fields[5:])))
    for timer in sorted(unit_dir().glob("contact-audit-*.timer")):
        name = timer.stem.removeprefix("contact-audit-")
        calendar = re.search(r"^OnCalendar=(.+)$", timer.read_text(encoding="utf-8"), re.M)
        service = timer.with_suffix(".service")
        text = service.read_text(encoding="utf-8") if service.is_file() else ""
        command = re.search(r"^ExecStart=(.+)$", text, re.M)
        found.append(
            Schedule(name, "systemd", calendar.group(1) if calendar else "?", command.group(1) if command else "?")
        )
    return found


def remove(name: str) -> list[str]:
    """Remove the schedule from wherever it is; what was removed, in words."""
    _check_name(name)
    removed = []
    if shutil.which("crontab"):
        lines = _cron_lines()
        kept = [line for line in lines if not line.rstrip().endswith(f"{MARKER}{name}")]
        if len(kept) != len(lines):
            _write_cron(kept)
            removed.append("the crontab entry")
    timer = unit_dir() / f"contact-audit-{name}.timer"
    if timer.is_file():
        if shutil.which("systemctl"):
            # Without a user session bus the timer cannot be running; the files go either way.
            with contextlib.suppress(UsageError):
                _systemctl("disable", "--now", timer.name)
        timer.unlink()
        timer.with_suffix(".service").unlink(missing_ok=True)
        removed.append("the systemd user timer")
    if not removed:
        raise UsageError(f"there is no schedule named '{name}'; `contact-audit schedule list` shows them")
    return removed
