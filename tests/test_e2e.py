"""Real crawls with real rendering in Chromium, through the installed command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reports.json_report import validate_report
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`contact-audit demo`, run once through the console script a user calls."""
    out = tmp_path_factory.mktemp("demo") / "contact-audit-demo"
    command = Path(sys.executable).parent / "contact-audit"
    done = subprocess.run([str(command), "demo", "--out", str(out)], capture_output=True, text=True, timeout=300)
    return done, out


def test_demo_prints_the_score_and_where_the_report_is(demo_run: tuple[Any, Path]) -> None:
    done, out = demo_run
    assert done.returncode == 0, done.stderr
    assert "Score: " in done.stdout
    assert "Crawled 5 pages, 2 rendered in Chromium." in done.stderr
    assert str(out / "report.html") in done.stdout
    for name in ("artifacts.json", "results.json", "report.json", "report.html"):
        assert (out / name).is_file(), name


def test_demo_report_validates_against_the_schema(demo_run: tuple[Any, Path]) -> None:
    _, out = demo_run
    report = load(out / "report.json")
    assert validate_report(report) == []
    assert report["schema_version"] == "1.0"
    assert report["site"]["pages_crawled"] == 5
    assert report["site"]["partial"] is False


def test_demo_contacts_are_found_with_provenance(demo_run: tuple[Any, Path]) -> None:
    _, out = demo_run
    channels = load(out / "artifacts.json")["channels"]
    emails = {e["address"]: e for e in channels["emails"]}
    assert set(emails) == {
        "info@nimbus-bikes.co.uk",
        "hello@nimbus-bikes.co.uk",
        "support@nimbus-bikes.co.uk",
        "sahayata@nimbus-bikes.co.uk",
    }  # admin-secret@ sits behind robots.txt
    assert emails["info@nimbus-bikes.co.uk"]["label"] is None
    assert "footer" in emails["info@nimbus-bikes.co.uk"]["locations"]
    assert emails["support@nimbus-bikes.co.uk"]["label"] == "Support"
    assert "contact-page" in emails["support@nimbus-bikes.co.uk"]["locations"]
    assert emails["sahayata@nimbus-bikes.co.uk"]["label"] == "सहायता"
    (phone,) = channels["phones"]
    assert phone["e164"] == "+442079460958"
    assert {"tel", "text"} <= set(phone["sources"])
    assert {(s["network"], s["handle"]) for s in channels["social"]} == {
        ("facebook", "nimbusbikes"),
        ("facebook", "nimbusbikes.official"),
        ("instagram", "nimbus.bikes"),
    }
    assert [(m["network"], m["target"]) for m in channels["messengers"]] == [("whatsapp", "442079460958")]
    (form,) = channels["forms"]
    assert form["method"] == "post"
    assert {f["kind"] for f in form["fields"]} >= {"name", "email", "message", "honeypot", "consent"}
    assert {c["url"].split("/", 3)[3] for c in channels["contact_pages"]} == {"contact/", "hi/sampark.html"}


def test_demo_chat_widget_is_seen_only_after_rendering(demo_run: tuple[Any, Path]) -> None:
    _, out = demo_run
    artifacts = load(out / "artifacts.json")
    rendered = {p["url"].split("/", 3)[3]: p["rendered"] for p in artifacts["pages"]}
    assert rendered[""] and rendered["contact/"]
    # Pages without a single script cannot change after loading: they are read as served,
    # and known to be without the chat.
    reasons = {p["url"].split("/", 3)[3]: p["render_reason"] for p in artifacts["pages"]}
    for path in ("about/", "hi/sampark.html"):
        assert not rendered[path] and "no scripts" in reasons[path]
    (widget,) = artifacts["channels"]["chat_widgets"]
    assert widget["vendor"] == "Crisp"
    assert "dom:.crisp-client .cc-launcher" in widget["evidence"]  # exists only once the script ran
    desktop = widget["placement"]["desktop"]
    assert desktop["corner"] == "bottom-right"
    assert (desktop["width"], desktop["height"]) == (60, 60)
    assert desktop["visible"] is True
    assert {p.split("/", 3)[3] for p in widget["pages"]} == {"", "contact/"}


def test_demo_scores_reflect_the_planted_mistakes(demo_run: tuple[Any, Path]) -> None:
    _, out = demo_run
    report = load(out / "report.json")
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["contact-page-exists"]["score"] == 1
    # /about/ has no contact link in its footer.
    assert checks["contact-link-in-footer"]["score"] == pytest.approx(4 / 5)
    assert [e["url"].split("/", 3)[3] for e in checks["contact-link-in-footer"]["evidence"]] == ["about/"]
    # info@ and hello@ sit side by side with no word on which to use.
    assert checks["unlabelled-emails"]["score"] == pytest.approx(0.5)
    assert {e["snippet"] for e in checks["unlabelled-emails"]["evidence"]} == {
        "info@nimbus-bikes.co.uk",
        "hello@nimbus-bikes.co.uk",
    }
    # Two Facebook profiles.
    assert checks["duplicate-social-profiles"]["score"] == 0
    # The contact page shows the phone as text without a tel: link.
    tap = checks["tap-to-contact"]
    assert tap["score"] < 1
    assert [(e["url"].split("/", 3)[3], e["snippet"]) for e in tap["evidence"]] == [("contact/", "+44 20 7946 0958")]
    assert checks["channel-types"]["score"] == 1
    assert checks["chat-launcher-corner"]["score"] == 1
    assert checks["first-response-email"]["mode"] == "not_applicable"
    categories = {c["id"]: c for c in report["categories"]}
    assert categories["findability"]["score"] < 90
    assert categories["coverage"]["score"] == 100
    assert categories["clarity"]["score"] < 90
    # The overall score is the weighted mean of the category scores.
    scored = [c for c in categories.values() if c["score"] is not None]
    mean = sum(c["score"] * c["weight"] for c in scored) / sum(c["weight"] for c in scored)
    assert report["score"] == round(mean)
    assert 50 <= report["score"] < 90


def test_report_is_rendered_again_offline_from_results(demo_run: tuple[Any, Path], tmp_path: Path) -> None:
    _, out = demo_run
    copy = tmp_path / "run"
    shutil.copytree(out, copy)
    (copy / "report.html").unlink()
    (copy / "report.json").unlink()
    (copy / "artifacts.json").unlink()  # reports come from results.json alone
    done = run_cli("report", str(copy), "--format", "html,json")
    assert done.returncode == 0, done.stderr
    assert load(copy / "report.json") == load(out / "report.json")
    assert (copy / "report.html").read_text(encoding="utf-8") == (out / "report.html").read_text(encoding="utf-8")


def test_fixture_site_in_russian_with_a_script_built_address(sites: str, tmp_path: Path) -> None:
    done = run_cli("audit", f"{sites}/ru/", "--out", str(tmp_path), "--delay", "0", "--max-pages", "4", "--quiet")
    assert done.returncode == 0, done.stderr
    artifacts = load(tmp_path / "artifacts.json")
    pages = {p["url"].split("/", 3)[3]: p for p in artifacts["pages"]}
    contact = "ru/%D0%BA%D0%BE%D0%BD%D1%82%D0%B0%D0%BA%D1%82%D1%8B/"
    assert len(pages) == 4  # --max-pages, with the contact page among them: contact links go first
    assert pages[contact]["is_contact_page"] and pages[contact]["rendered"]
    assert "ru/private/" not in pages
    emails = {e["address"]: e for e in artifacts["channels"]["emails"]}
    assert set(emails) == {"sales@veloslad.ru", "claims@veloslad.ru"}  # not the commented-out one
    assert "rendered" in emails["sales@veloslad.ru"]["sources"]
    assert emails["sales@veloslad.ru"]["label"] == "Отдел продаж"
    assert emails["claims@veloslad.ru"]["label"] == "Жалобы"
    assert [p["e164"] for p in artifacts["channels"]["phones"]] == ["+74951234567"]
    assert [(s["network"], s["handle"]) for s in artifacts["channels"]["social"]] == [("vk", "veloslad")]
    assert [m["target"] for m in artifacts["channels"]["messengers"]] == ["veloslad_support"]
    (form,) = artifacts["channels"]["forms"]
    assert form["captcha"] == "recaptcha"
    assert validate_report(load(tmp_path / "report.json")) == []


def test_depth_cap(sites: str, tmp_path: Path) -> None:
    done = run_cli(
        "audit",
        f"{sites}/ru/blog/1.html",
        "--out",
        str(tmp_path),
        "--delay",
        "0",
        "--max-depth",
        "2",
        "--no-render",
        "--quiet",
    )
    assert done.returncode == 0, done.stderr
    depths = {p["url"].split("/", 3)[3]: p["depth"] for p in load(tmp_path / "artifacts.json")["pages"]}
    assert max(depths.values()) == 2
    assert "ru/blog/3.html" in depths
    assert "ru/blog/4.html" not in depths


def test_demo_writes_every_report_format(demo_run: tuple[Any, Path]) -> None:
    _, out = demo_run
    for name in ("report.pdf", "report.md", "report.junit.xml", "findings.csv"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert "**Contact score: " in (out / "report.md").read_text(encoding="utf-8")


def without_network() -> list[str]:
    """A command prefix that runs in an empty network namespace, when this machine allows one."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n"]
    return []


def test_every_format_is_rendered_again_offline_in_hindi(demo_run: tuple[Any, Path], tmp_path: Path) -> None:
    _, out = demo_run
    copy = tmp_path / "run"
    copy.mkdir()
    shutil.copy(out / "results.json", copy)  # nothing else: no artifacts, no earlier reports
    command = [*without_network(), sys.executable, "-m", "auditor", "report", str(copy), "--format", "all"]
    done = subprocess.run([*command, "--lang", "hi"], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    names = {"report.html", "report.json", "report.pdf", "report.md", "report.junit.xml", "findings.csv"}
    assert names <= {p.name for p in copy.iterdir()}
    assert load(copy / "report.json") == load(out / "report.json")
    assert "संपर्क स्कोर" in (copy / "report.html").read_text(encoding="utf-8")
    assert "**संपर्क स्कोर: " in (copy / "report.md").read_text(encoding="utf-8")
    done = subprocess.run([*command, "--lang", "fr"], capture_output=True, text=True, timeout=240)
    assert done.returncode == 2
    assert done.stderr.strip() == "contact-audit: error: unknown report language 'fr'; choose from en, hi"
