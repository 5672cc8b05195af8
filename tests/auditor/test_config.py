from pathlib import Path

import pytest

from auditor.config.settings import load_config
from auditor.errors import ConfigError


def test_defaults_are_polite() -> None:
    config = load_config(None)
    assert config.crawl.max_pages == 50
    assert config.crawl.delay >= 1
    assert config.crawl.concurrency <= 2


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
