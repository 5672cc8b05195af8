"""The audit's settings: defaults, a TOML config file, and command-line overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor.errors import ConfigError

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
    render: bool = True
    render_budget: int = Field(10, ge=0, le=10_000, description="pages rendered in Chromium at most")
    settle_ms: int = Field(1000, ge=0, le=60_000, description="wait after load for late widgets")
    chromium: str = "/usr/bin/chromium"
    timeout: float = Field(20, gt=0, le=300, description="seconds before a page counts as failed")


class CheckConfig(Section):
    enabled: bool = True
    weight: float | None = Field(None, ge=0)
    options: dict[str, Any] = Field(default_factory=dict)


class ScoringConfig(Section):
    category_weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_CATEGORY_WEIGHTS))


class AuditConfig(Section):
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    checks: dict[str, CheckConfig] = Field(default_factory=dict)


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    message = first["msg"][0].lower() + first["msg"][1:]
    if first["type"] == "extra_forbidden":
        message = "is not a known setting"
    return f"key '{key}' {message}"


def load_config(path: Path | None, overrides: dict[str, Any] | None = None) -> AuditConfig:
    """Read a config file (if any) and apply command-line overrides to its [crawl] table."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist") from None
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"config file {path} could not be read: {error}") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"config file {path} is not valid TOML: {error}") from None
    crawl = dict(data.get("crawl") or {})
    crawl.update({k: v for k, v in (overrides or {}).items() if v is not None})
    if crawl:
        data["crawl"] = crawl
    weights = dict(DEFAULT_CATEGORY_WEIGHTS)
    weights.update(((data.get("scoring") or {}).get("category_weights")) or {})
    try:
        config = AuditConfig.model_validate(data)
    except ValidationError as error:
        where = f"config file {path}" if path else "settings"
        raise ConfigError(f"{where}: {_describe(error)}") from None
    config.scoring.category_weights = weights
    return config
