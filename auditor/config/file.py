"""Where settings come from besides the command line: a config file (named, or found in the
working directory), `[tool.contact-audit]` in pyproject.toml, and CONTACT_AUDIT_* variables.

tomllib gives no positions, so `key_line` finds the line of a key in the file's text:
an error can then name the key and the line, as a user editing the file needs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError

CONFIG_NAME = "contact-audit.toml"
PYPROJECT = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "contact-audit")

# Environment variables that override a setting (over the file, under the command line).
# CONTACT_AUDIT_DB (history URL) and CONTACT_AUDIT_CHROMIUM are read where they are used.
ENVIRONMENT: dict[str, tuple[str, str]] = {
    "CONTACT_AUDIT_MAX_PAGES": ("crawl", "max_pages"),
    "CONTACT_AUDIT_MAX_DEPTH": ("crawl", "max_depth"),
    "CONTACT_AUDIT_DELAY": ("crawl", "delay"),
    "CONTACT_AUDIT_RENDER": ("crawl", "render"),
    "CONTACT_AUDIT_RENDER_BUDGET": ("crawl", "render_budget"),
    "CONTACT_AUDIT_TIME_BUDGET": ("crawl", "time_budget"),
    "CONTACT_AUDIT_LANG": ("report", "lang"),
    "CONTACT_AUDIT_HISTORY": ("history", "enabled"),
    "CONTACT_AUDIT_KEEP": ("history", "keep"),
    "CONTACT_AUDIT_FAIL_UNDER": ("gate", "fail_under"),
    "CONTACT_AUDIT_FAIL_ON": ("gate", "fail_on"),
    "CONTACT_AUDIT_BASELINE": ("gate", "baseline"),
    "CONTACT_AUDIT_NOISE": ("gate", "noise"),
    # user:password for a staging site behind basic auth: a secret kept out of files.
    "CONTACT_AUDIT_AUTH": ("access", "auth"),
}


@dataclass(frozen=True)
class ConfigSource:
    """Settings read from one file; `table` is where they sit in it (pyproject: tool.contact-audit)."""

    path: Path
    text: str
    data: dict[str, Any]
    table: tuple[str, ...] = ()
    from_environment: dict[tuple[str, str], str] = field(default_factory=dict)

    def where(self, *loc: str | int) -> str:
        """`config file x.toml, line 4` (or the environment variable) for an error about `loc`."""
        keys = tuple(str(part) for part in loc)
        for (table, key), variable in self.from_environment.items():
            if keys[:2] == (table, key):
                return f"environment variable {variable}"
        if not self.text:
            return "settings"
        line = key_line(self.text, self.table + keys)
        return f"config file {self.path}" + (f", line {line}" if line else "")


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"config file {path} could not be read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from None


def load_source(path: Path) -> ConfigSource:
    text, data = read_toml(path)
    return ConfigSource(path=path, text=text, data=data)


def find_config(directory: Path) -> ConfigSource | None:
    """contact-audit.toml in `directory`, else a [tool.contact-audit] table in its pyproject.toml."""
    own = directory / CONFIG_NAME
    if own.is_file():
        return load_source(own)
    pyproject = directory / PYPROJECT
    if pyproject.is_file():
        text, data = read_toml(pyproject)
        table = data.get("tool", {}).get("contact-audit")
        if isinstance(table, dict):
            return ConfigSource(path=pyproject, text=text, data=table, table=PYPROJECT_TABLE)
        if table is not None:
            raise ConfigError(
                f"config file {pyproject}, line {key_line(text, PYPROJECT_TABLE)}: [tool.contact-audit] must be a table"
            )
    return None


def apply_environment(source: ConfigSource, environ: Mapping[str, str]) -> ConfigSource:
    """The settings with CONTACT_AUDIT_* values laid over the file's."""
    data = {table: dict(value) if isinstance(value, dict) else value for table, value in source.data.items()}
    used: dict[tuple[str, str], str] = {}
    for variable, (table, key) in ENVIRONMENT.items():
        value = environ.get(variable)
        if value is None or value.strip() == "":
            continue
        section = data.setdefault(table, {})
        if not isinstance(section, dict):
            raise ConfigError(f"{source.where(table)}: key '{table}' must be a table")
        section[key] = value.strip()
        used[(table, key)] = variable
    return ConfigSource(source.path, source.text, data, source.table, used)


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_PART = re.compile(r"""[A-Za-z0-9_-]+|"([^"]*)"|'([^']*)'""")


def _parts(dotted: str) -> tuple[str, ...]:
    found = []
    for match in _PART.finditer(dotted):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        found.append(quoted if quoted is not None else match.group(0))
    return tuple(found)


def key_line(text: str, loc: tuple[str, ...]) -> int | None:
    """The 1-based line that defines `loc` (or the deepest table or key above it), if any."""
    best: tuple[int, int] | None = None  # (depth matched, line)
    table: tuple[str, ...] = ()
    arrays: dict[tuple[str, ...], int] = {}
    in_string = False
    for number, line in enumerate(text.splitlines(), start=1):
        # Lines inside a multi-line string are text, not keys.
        quotes = line.count('"""') + line.count("'''")
        if in_string:
            in_string = quotes % 2 == 0
            continue
        if quotes % 2 == 1:
            in_string = True
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group(1))
            if line.lstrip().startswith("[["):
                # The n-th [[sites]] block is sites.<n> in a validation error's location.
                index = arrays.get(table, -1) + 1
                arrays[table] = index
                table = (*table, str(index))
            path = table
        else:
            key = _KEY.match(line)
            if not key:
                continue
            path = table + _parts(key.group(1))
        if path and loc[: len(path)] == path and (best is None or len(path) > best[0]):
            best = (len(path), number)
    return best[1] if best else None
