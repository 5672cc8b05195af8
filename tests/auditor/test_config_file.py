"""Config discovery, environment overrides, and errors that name the key and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.config.settings import load_config
from auditor.errors import ConfigError
from auditor.judge.audit import check_config
from auditor.judge.registry import discover


def test_contact_audit_toml_in_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "contact-audit.toml").write_text("[crawl]\nmax_pages = 7\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.contact-audit.crawl]\nmax_pages = 9\n", encoding="utf-8")
    assert load_config(None, discover=tmp_path).crawl.max_pages == 7  # the own file wins
    assert load_config(None).crawl.max_pages == 50  # no discovery unless asked


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n[tool.contact-audit.gate]\nfail_under = 70\n'
        "[tool.contact-audit.crawl]\ndelay = 0\n",
        encoding="utf-8",
    )
    config = load_config(None, discover=tmp_path)
    assert (config.gate.fail_under, config.crawl.delay) == (70, 0)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(None, discover=tmp_path / "other").gate.fail_under is None


def test_environment_over_file_and_command_line_over_environment(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[crawl]\nmax_pages = 7\ndelay = 3\n[gate]\nfail_on = 'new'\n", encoding="utf-8")
    environ = {"CONTACT_AUDIT_MAX_PAGES": "12", "CONTACT_AUDIT_DELAY": "0.5", "CONTACT_AUDIT_FAIL_ON": "regressed"}
    config = load_config(path, {"max_pages": 3}, environ=environ)
    assert (config.crawl.max_pages, config.crawl.delay, config.gate.fail_on) == (3, 0.5, "regressed")
    assert load_config(None, environ={"CONTACT_AUDIT_RENDER": "false", "HOME": "/x"}).crawl.render is False


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "contact-audit.toml",
            "# settings\n\n[crawl]\nmax_pages = 3\ndelay = 'slow'\n",
            "contact-audit.toml, line 5: key 'crawl.delay'",
        ),
        (
            "contact-audit.toml",
            "[crawl]\nmax_pages = 3\n\n[crawll]\nx = 1\n",
            "contact-audit.toml, line 4: key 'crawll' is not a known",
        ),
        (
            "contact-audit.toml",
            "crawl.max_pages = 3\ncrawl.concurrency = 99\n",
            "contact-audit.toml, line 2: key 'crawl.concurrency'",
        ),
        (
            "contact-audit.toml",
            "[gate.categories]\nclarity = 70\nspeed = 50\n",
            "contact-audit.toml, line 1: key 'gate.categories'",
        ),
        ("contact-audit.toml", "[history]\nkeep = 0\n", "contact-audit.toml, line 2: key 'history.keep'"),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.contact-audit.gate]\nfail_on = "sometimes"\n',
            "pyproject.toml, line 5: key 'gate.fail_on'",
        ),
    ],
)
def test_errors_name_the_key_and_the_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        load_config(None, discover=tmp_path)


def test_environment_errors_name_the_variable() -> None:
    with pytest.raises(ConfigError, match=r"environment variable CONTACT_AUDIT_MAX_PAGES: key 'crawl\.max_pages'"):
        load_config(None, environ={"CONTACT_AUDIT_MAX_PAGES": "many"})


def test_unknown_check_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "contact-audit.toml").write_text(
        "[crawl]\ndelay = 0\n\n[checks.no-such-check]\nweight = 2\n", encoding="utf-8"
    )
    config = load_config(None, discover=tmp_path)
    with pytest.raises(ConfigError, match=r"contact-audit\.toml, line 4: \[checks\.no-such-check\] names no known"):
        check_config(config, discover())


def test_history_password_never_reaches_the_results(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[history]\nurl = 'postgresql+psycopg://audit:s3cret@db.internal/history'\n", encoding="utf-8")
    config = load_config(path)
    assert config.history.url.endswith(":s3cret@db.internal/history")  # the program still has it
    dumped = config.model_dump(mode="json")["history"]["url"]
    assert "s3cret" not in dumped and dumped == "postgresql+psycopg://audit:***@db.internal/history"
