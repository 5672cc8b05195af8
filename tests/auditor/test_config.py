from pathlib import Path

import pytest

from auditor.config.settings import load_config
from auditor.errors import ConfigError


def test_defaults_are_polite() -> None:
    config = load_config(None)
    assert config.crawl.max_pages == 50
    assert config.crawl.delay >= 1
    assert config.crawl.concurrency <= 2


def test_the_crawl_slows_down_for_a_slow_site_but_never_below_the_delay(tmp_path: Path) -> None:
    from auditor.gather.crawl import scrapy_settings

    polite = scrapy_settings(load_config(None), None)
    assert polite.getbool("AUTOTHROTTLE_ENABLED")
    assert polite.getfloat("AUTOTHROTTLE_START_DELAY") == polite.getfloat("DOWNLOAD_DELAY") == 1.0
    assert polite.getfloat("AUTOTHROTTLE_MAX_DELAY") >= 10
    # AutoThrottle keeps this many requests in flight at the site's pace: the configured concurrency.
    assert polite.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") == 2
    slow = tmp_path / "slow.toml"
    slow.write_text("[crawl]\ndelay = 30\n", encoding="utf-8")
    assert scrapy_settings(load_config(slow), None).getfloat("AUTOTHROTTLE_MAX_DELAY") >= 30
    fast = tmp_path / "fast.toml"
    fast.write_text("[crawl]\ndelay = 0\n", encoding="utf-8")
    assert not scrapy_settings(load_config(fast), None).getbool("AUTOTHROTTLE_ENABLED")
    off = tmp_path / "off.toml"
    off.write_text("[crawl]\nthrottle = false\n", encoding="utf-8")
    assert not scrapy_settings(load_config(off), None).getbool("AUTOTHROTTLE_ENABLED")


def test_file_values_and_command_line_overrides(tmp_path: Path) -> None:
    path = tmp_path / "audit.toml"
    path.write_text(
        "[crawl]\nmax_pages = 7\ndelay = 2.5\n[scoring.category_weights]\nclarity = 2\n"
        "[checks.unlabelled-emails]\nweight = 5\n",
        encoding="utf-8",
    )
    config = load_config(path, {"max_pages": 3, "delay": None})
    assert (config.crawl.max_pages, config.crawl.delay) == (3, 2.5)
    assert config.scoring.category_weights["clarity"] == 2
    assert config.scoring.category_weights["findability"] == 1
    assert config.checks["unlabelled-emails"].weight == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[crawl]\nmax_pages = -1\n", "key 'crawl.max_pages'"),
        ("[crawl]\nmax_pagez = 3\n", "key 'crawl.max_pagez' is not a known setting"),
        ("[crawl\n", "is not valid TOML"),
    ],
)
def test_bad_config_names_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_config(path)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_access_secrets_are_never_serialised_and_references_are_resolved() -> None:
    from auditor.config.access import AccessConfig, resolve_access

    access = AccessConfig(
        auth="preview:s3cret", headers={"X-Token": "t0ken", "X-Env": "env:PREVIEW_TOKEN"}, cookies={"sid": "c00kie"}
    )
    dumped = str(access.model_dump())
    assert "s3cret" not in dumped and "t0ken" not in dumped and "c00kie" not in dumped
    assert "preview:(hidden)" in dumped and "env:PREVIEW_TOKEN" in dumped  # what to set, not what it is
    resolved = resolve_access(access, {"PREVIEW_TOKEN": "from-env"})
    assert resolved.headers["X-Env"] == "from-env"
    assert resolved.headers["Authorization"] == "Basic cHJldmlldzpzM2NyZXQ="
    assert "s3cret" not in repr(resolved) and "from-env" not in repr(resolved)


def test_access_names_with_line_breaks_or_bad_characters_are_refused() -> None:
    from pydantic import ValidationError

    from auditor.config.access import AccessConfig

    for bad in ({"headers": {"X-A": "one\r\nInjected: two"}}, {"headers": {"Bad Name": "x"}}, {"auth": "nocolon"}):
        with pytest.raises(ValidationError):
            AccessConfig.model_validate(bad)
