"""The [report] config table, --format and --lang, as the pipeline reads them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.config.settings import AuditConfig, ReportConfig, load_config
from auditor.config.usage import FORMATS, parse_formats
from auditor.errors import ConfigError, UsageError
from auditor.run.render import render_reports, report_options, stored_report_config
from tests.builders import sample_results

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63fccf0c000304018035a0c50c0000000049454e44ae426082"
)


def test_format_names() -> None:
    assert parse_formats("md, JUnit,md") == ["md", "junit"]
    assert parse_formats("all") == list(FORMATS) == ["html", "json", "pdf", "md", "junit", "csv"]
    assert parse_formats("csv,all") == ["csv", "html", "json", "pdf", "md", "junit"]
    with pytest.raises(UsageError, match="unknown report format 'docx'; choose from html, json, pdf, md, junit, csv"):
        parse_formats("html,docx")


def test_report_table_and_a_logo_beside_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(PNG)
    path = tmp_path / "audit.toml"
    path.write_text('[report]\nclient = "Velo Werk AG"\nauditor = "Asha Rao"\nlogo = "brand/logo.png"\nlang = "hi"\n')
    config = load_config(path)
    assert config.report.logo == str(tmp_path / "brand" / "logo.png")
    options = report_options(config.report, config)
    assert (options.lang, options.client, options.auditor) == ("hi", "Velo Werk AG", "Asha Rao")
    assert options.logo.startswith("data:image/png;base64,iVBORw0KGgo")
    assert report_options(config.report, config, "en").lang == "en"  # --lang wins over the file


def test_bad_report_settings_are_refused_in_one_sentence(tmp_path: Path) -> None:
    config = AuditConfig()
    with pytest.raises(UsageError, match=r"^unknown report language 'fr'; choose from en, hi$"):
        report_options(config.report, config, "fr")
    with pytest.raises(ConfigError, match=r"^report.logo: the logo .*nope.png could not be read"):
        report_options(ReportConfig(logo=str(tmp_path / "nope.png")), config)
    (tmp_path / "logo.bmp").write_bytes(b"BM")
    with pytest.raises(ConfigError, match=re.escape("must be one of .gif, .jpeg, .jpg, .png, .svg, .webp")):
        report_options(ReportConfig(logo=str(tmp_path / "logo.bmp")), config)
    path = tmp_path / "audit.toml"
    path.write_text("[report]\ncolour = 'blue'\n")
    with pytest.raises(ConfigError, match=re.escape("key 'report.colour' is not a known setting")):
        load_config(path)


def test_a_run_is_re_rendered_with_its_own_branding(tmp_path: Path) -> None:
    results = sample_results()
    stored = {"report": {"client": "Velo Werk AG", "auditor": "", "logo": str(tmp_path / "gone.png"), "lang": "hi"}}
    report = stored_report_config(results.model_copy(update={"settings": stored}))
    assert (report.client, report.lang) == ("Velo Werk AG", "hi")
    assert report.logo == ""  # moved to a machine without the logo: still renders
    assert stored_report_config(results) == ReportConfig()  # a run from before [report] existed


def test_pdf_without_chromium_is_refused_before_writing_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONTACT_AUDIT_CHROMIUM", raising=False)
    config = AuditConfig()
    config.crawl.chromium = str(tmp_path / "no-chromium")
    options = report_options(config.report, config)
    with pytest.raises(ConfigError, match="leave pdf out of --format"):
        render_reports(sample_results(), tmp_path, ["html", "pdf"], options)
    assert list(tmp_path.iterdir()) == []
