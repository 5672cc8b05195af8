"""The audit's settings: defaults, a TOML config file, and command-line overrides."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_serializer, field_validator

from auditor.config.access import AccessConfig
from auditor.config.file import ConfigSource, apply_environment, find_config, load_source
from auditor.config.presets import PresetName
from auditor.config.probes import ProbesConfig
from auditor.errors import ConfigError, UsageError

DEFAULT_CATEGORY_WEIGHTS = {
    "findability": 1.0,
    "coverage": 1.0,
    "clarity": 1.0,
    "responsiveness": 1.0,
    "human-touch": 1.0,
    "care": 1.0,
}


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CrawlConfig(Section):
    max_pages: int = Field(50, ge=1, le=100_000)
    max_depth: int = Field(5, ge=0, le=50)
    delay: float = Field(1.0, ge=0, le=60, description="seconds between requests to the site")
    concurrency: int = Field(2, ge=1, le=32, description="parallel requests to the site")
    throttle: bool = Field(
        True, description="wait longer between requests when the site answers slowly (never less than delay)"
    )
    render: bool = True
    render_budget: int | None = Field(
        None, ge=0, le=100_000, description="pages rendered in Chromium at most (default: as many as max_pages)"
    )
    settle_ms: int = Field(1000, ge=0, le=60_000, description="wait after load for late widgets")
    chromium: str = "/usr/bin/chromium"
    timeout: float = Field(20, gt=0, le=300, description="seconds before a page counts as failed")
    time_budget: float = Field(
        900, gt=0, le=86_400, description="seconds an audit's crawl may take; then it ends with what it has, partial"
    )


class CheckConfig(Section):
    enabled: bool = True
    weight: float | None = Field(None, ge=0)
    options: dict[str, Any] = Field(default_factory=dict)


class ScoringConfig(Section):
    category_weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_CATEGORY_WEIGHTS))


class ReportConfig(Section):
    """Branding and language of the reports a consultant hands to a client."""

    client: str = Field("", max_length=200, description="who the audit is for, shown on the report")
    auditor: str = Field("", max_length=200, description="who made the audit, shown on the report")
    logo: str = Field("", description="a PNG, JPEG, GIF, WebP or SVG file, relative to the config file")
    lang: str = Field("en", description="language of the report texts: en or hi")


class HistoryConfig(Section):
    """Where runs are stored (CONTACT_AUDIT_DB wins over `url`) and how many are kept per site."""

    enabled: bool = True
    url: str = Field("", description="a SQLAlchemy URL; empty: a SQLite file in the user's data directory")
    keep: int | None = Field(None, ge=1, le=100_000, description="runs kept per site; older ones are deleted")

    @field_serializer("url")
    def _hide_password(self, url: str) -> str:
        # Settings are written into results.json and the report: never a password.
        from auditor.storage.db import safe_url

        return safe_url(url) if url else url


AssertionLevel = Literal["error", "warn", "off"]
Percent = Annotated[float, Field(ge=0, le=100)]
# How much a finding costs, by its gain (auditor/history/severity.py): high, medium or low.
Severity = Literal["high", "medium", "low"]


class GateConfig(Section):
    """What `contact-audit ci` fails on, and which sites it audits when no URL is given."""

    preset: PresetName | None = Field(None, description="recommended, strict or no-regressions, under the rest")
    fail_under: Percent | None = Field(None, description="the overall score must be at least this")
    categories: dict[str, Percent] = Field(default_factory=dict, description="a minimum score per category")
    checks: dict[str, AssertionLevel] = Field(default_factory=dict, description="error, warn or off per check id")
    max_findings: dict[Severity, Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict, description="at most this many findings of this severity or worse"
    )
    baseline: str | None = Field(None, description="a report.json, a run directory, or `latest` stored run")
    fail_on: Literal["new", "regressed", "any"] = "any"
    noise: float = Field(5, ge=0, le=100, description="score points a change must reach to count")
    urls: list[str] = Field(default_factory=list, description="the sites `ci` audits when none is given")
    sitemap: str | None = Field(None, description="a sitemap.xml (URL or file) whose pages `ci` audits")

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, minimums: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(minimums) - set(DEFAULT_CATEGORY_WEIGHTS))
        if unknown:
            raise ValueError(f"'{unknown[0]}' is not a category (categories: {', '.join(DEFAULT_CATEGORY_WEIGHTS)})")
        return minimums


class AuditConfig(Section):
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    probes: ProbesConfig = Field(default_factory=ProbesConfig)
    checks: dict[str, CheckConfig] = Field(default_factory=dict)
    history: HistoryConfig = Field(default_factory=HistoryConfig)
    gate: GateConfig = Field(default_factory=GateConfig)
    access: AccessConfig = Field(default_factory=AccessConfig)
    _source: ConfigSource | None = PrivateAttr(None)

    def where(self, *loc: str | int) -> str:
        """Where a setting came from, for an error: `config file x.toml, line 4`, or just `config`."""
        return self._source.where(*loc) if self._source is not None else "config"


def _message(first: Any) -> str:
    message = str(first["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:]
    if first["type"] == "extra_forbidden":
        message = "is not a known setting"
    return message


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    return f"key '{key}' {_message(first)}"


def load_config(
    path: Path | None,
    overrides: dict[str, Any] | None = None,
    *,
    discover: Path | None = None,
    environ: Mapping[str, str] | None = None,
    access: dict[str, Any] | None = None,
) -> AuditConfig:
    """Read a config file and apply command-line overrides to its [crawl] table (and
    `access` ones to its [access] table: headers and cookies added to the file's).

    Without `path`, a contact-audit.toml or pyproject.toml [tool.contact-audit] in the
    `discover` directory is used; `environ` lays CONTACT_AUDIT_* values over the file.
    """
    source: ConfigSource | None = None
    if path is not None:
        source = load_source(path)
    elif discover is not None:
        source = find_config(discover)
    if environ is not None:
        source = apply_environment(source or ConfigSource(Path("(none)"), "", {}), environ)
    data: dict[str, Any] = dict(source.data) if source is not None else {}
    try:
        # The file as written, first: a bad value there is refused even when an option overrides it.
        AuditConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]["loc"]
        where = source.where(*first) if source is not None else "settings"
        raise ConfigError(f"{where}: {_describe(error)}") from None
    crawl = dict(data.get("crawl") or {})
    crawl.update({k: v for k, v in (overrides or {}).items() if v is not None})
    if crawl:
        data["crawl"] = crawl
    if access:
        table = dict(data.get("access") or {})
        for key, value in access.items():
            if isinstance(value, dict):
                table[key] = {**(table.get(key) or {}), **value}
            elif value:
                table[key] = value
        data["access"] = table
    weights = dict(DEFAULT_CATEGORY_WEIGHTS)
    weights.update(((data.get("scoring") or {}).get("category_weights")) or {})
    try:
        config = AuditConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]["loc"]
        given = {k for k, v in (overrides or {}).items() if v is not None}
        if len(first) > 1 and first[0] == "crawl" and first[1] in given:
            option = f"--{str(first[1]).replace('_', '-')}"
            wrong = (overrides or {}).get(str(first[1]))
            said = _message(error.errors()[0]).replace("input should be", "must be", 1)
            raise UsageError(f"{option} {said}, not {wrong!r}") from None
        where = source.where(*first) if source is not None else "settings"
        raise ConfigError(f"{where}: {_describe(error)}") from None
    config._source = source
    config.scoring.category_weights = weights
    config_dir = source.path.parent if source is not None and source.text else None
    if config_dir is not None and config.report.logo:
        # A logo named in a config file is found beside that file, wherever the command runs.
        config.report.logo = str((config_dir / Path(config.report.logo).expanduser()).resolve())
    sitemap = config.gate.sitemap
    if config_dir is not None and sitemap and "://" not in sitemap:
        # So is a sitemap file, so that `ci` run from anywhere in the repository reads the same one.
        config.gate.sitemap = str((config_dir / Path(sitemap).expanduser()).resolve())
    return config


CHROMIUM_ENV = "CONTACT_AUDIT_CHROMIUM"


def chromium_path(config: AuditConfig) -> str:
    """The Chromium every part starts (crawl, probes, the PDF): the environment's over the config's."""
    return os.environ.get(CHROMIUM_ENV) or config.crawl.chromium


def command_config(
    path: Path | None, overrides: dict[str, Any] | None = None, access: dict[str, Any] | None = None
) -> AuditConfig:
    """The settings of a command, read the one way every command reads them: the file given with
    --config, else the contact-audit.toml (or pyproject.toml) found in the working directory,
    with CONTACT_AUDIT_* environment values over the file and the command line over both."""
    return load_config(path, overrides, discover=Path.cwd(), environ=os.environ, access=access)
