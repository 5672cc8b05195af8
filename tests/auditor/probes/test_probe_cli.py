"""The probe commands as a user runs them: audit, plan, send, collect, status, and the audit that follows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.demo.sitehost import serve
from auditor.gather.probes.lab.clock import SteppedClock
from auditor.gather.probes.lab.servers import MailLab
from tests.auditor.probes.conftest import COMPANY
from tests.conftest import ROOT, SITES

pytestmark = pytest.mark.slow


def write_config(lab: MailLab, path: Path, database: str) -> Path:
    probes = lab.probes_config()
    path.write_text(
        f"""
[history]
url = "{database}"

[probes]
enabled = true
authorised_domains = ["127.0.0.1"]
do_not_probe = ["info@{COMPANY}"]
operator_name = "{probes.operator_name}"
operator_email = "{probes.operator_email}"
reply_mailbox = "{probes.reply_mailbox}"
from_address = "{probes.from_address}"
channels = ["email", "form"]
rate_limit_seconds = 0
instant_reply_seconds = 1.5
email_window_hours = 1
form_window_hours = 1

[probes.smtp]
host = "127.0.0.1"
port = {lab.smtp_port}
user = "{lab.user}"
password_env = "{lab.password_env}"
ca_file = "{lab.cert_file}"

[probes.imap]
host = "127.0.0.1"
port = {lab.imap_port}
user = "{lab.user}"
password_env = "{lab.password_env}"
ca_file = "{lab.cert_file}"
""",
        encoding="utf-8",
    )
    return path


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("CONTACT_AUDIT_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args], capture_output=True, text=True, timeout=240, cwd=ROOT, env=env
    )


@pytest.fixture
def clock() -> SteppedClock:
    """The commands run in their own processes on the real clock: the lab's clock follows it, plus what we advance."""
    return SteppedClock()


def test_the_whole_probe_loop_through_the_command_line(lab: MailLab, clock: SteppedClock, tmp_path: Path) -> None:
    config = str(write_config(lab, tmp_path / "probes.toml", f"sqlite:///{tmp_path / 'history.sqlite'}"))
    run = tmp_path / "run"
    with serve(SITES, on_post=lab.form_handler(f"contact@{COMPANY}")) as base:
        audited = cli("audit", f"{base}/probe/", "--out", str(run), "--no-render", "--delay", "0", "-c", config, "-q")
        assert audited.returncode == 0, audited.stderr

        planned = cli("probe", "plan", str(run), "-c", config, "--authorised-domain", COMPANY)
        assert planned.returncode == 0, planned.stderr
        lines = planned.stdout.splitlines()
        assert f"send      email support@{COMPANY}" in lines  # the support address, first on the contact page
        assert f"skip      email info@{COMPANY}  (on the do-not-probe list)" in lines
        assert f"send      form  {base}/probe/contact/" in lines
        assert f"protected form  {base}/probe/captcha/  (protected by a CAPTCHA (recaptcha); not probed)" in lines

        sent = cli("probe", "send", str(run), "-c", config, "--authorised-domain", COMPANY, "--json")
        assert sent.returncode == 0, sent.stderr
        assert {p["target"]: p["status"] for p in json.loads(sent.stdout)} == {
            f"support@{COMPANY}": "sent",
            f"{base}/probe/contact/": "sent",
            f"{base}/probe/captcha/": "protected",
        }

        # Both probes reach the helpdesk through the mail server (the form's back end mails it):
        # time moves on only once they are there, however busy the machine.
        deadline = time.monotonic() + 60
        while len(lab.helpdesk.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(lab.helpdesk.received) == 2
        # The acknowledgements go out at once, the people answer three and four seconds later.
        clock.advance(4)
        # Collecting ends as soon as every probe has a person's answer; the wait is only a ceiling.
        collected = cli("probe", "collect", "-c", config, "--wait", "120")
        assert collected.returncode == 0, collected.stderr
        status = cli("probe", "status", "-c", config, "--json")
        probes = {p["target"]: p for p in json.loads(status.stdout)}
        assert probes[f"support@{COMPANY}"]["status"] == "replied"
        assert probes[f"{base}/probe/contact/"]["status"] == "replied"
        assert probes[f"{base}/probe/captcha/"]["status"] == "protected"

        again = cli(
            "audit",
            f"{base}/probe/",
            "--out",
            str(tmp_path / "run2"),
            "--no-render",
            "--delay",
            "0",
            "-c",
            config,
            "-q",
        )
        assert again.returncode == 0, again.stderr
    report = json.loads((tmp_path / "run2" / "report.json").read_text(encoding="utf-8"))
    assert {p["status"] for p in report["probes"]} == {"replied", "protected"}
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["first-response-email"]["score"] > 0.99
    assert checks["promise-kept"]["display_value"] == "2 of 2 kept"
    assert "Probe timelines" in (tmp_path / "run2" / "report.html").read_text(encoding="utf-8")


def test_probe_commands_refuse_with_one_sentence(tmp_path: Path) -> None:
    missing = cli("probe", "plan", str(tmp_path))
    assert missing.returncode == 2
    assert (
        missing.stderr.strip() == f"contact-audit: error: {tmp_path} is not a run directory: it has no artifacts.json"
    )


def test_sending_to_a_site_nobody_authorised_is_refused_in_one_sentence(lab: MailLab, tmp_path: Path) -> None:
    from auditor.artifacts import SiteArtifacts, SiteInfo

    run = tmp_path / "run"
    run.mkdir()
    info = SiteInfo(url="https://shop.example.co.uk/", domain="example.co.uk", started_at="2026-03-16T09:00:00+00:00")
    (run / "artifacts.json").write_text(SiteArtifacts(site=info).model_dump_json(), encoding="utf-8")
    config = write_config(lab, tmp_path / "probes.toml", f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    done = cli("probe", "send", str(run), "-c", str(config))
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.strip() == (
        "contact-audit: error: nothing was sent: "
        "example.co.uk is not an authorised domain (add it with --authorised-domain)"
    )
    assert lab.helpdesk.received == []


def test_collecting_without_a_mailbox_says_what_is_missing(tmp_path: Path) -> None:
    config = tmp_path / "none.toml"
    config.write_text(f'[history]\nurl = "sqlite:///{tmp_path / "ledger.sqlite"}"\n', encoding="utf-8")
    done = cli("probe", "collect", "-c", str(config))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "probe collect needs the mailbox the replies arrive in: set probes.imap.host" in done.stderr
    assert "replies stored" not in done.stdout


def test_the_demo_runs_the_probe_loop_offline_and_shows_the_timelines(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    done = cli("demo", "--probes", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Sending one test message by email, contact form and chat" in done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    probes = {p["channel"]: p for p in report["probes"]}
    assert {c: p["status"] for c, p in probes.items()} == {"email": "replied", "form": "replied", "chat": "replied"}
    assert probes["email"]["promised_response_time"] == "P2D"
    assert probes["chat"]["human_handover"] is True
    checks = {c["id"]: c for c in report["checks"]}
    assert (
        checks["bot-handover"]["score"] == 1.0
        and checks["human-answers"]["display_value"] == "3 of 3 answered by a person"
    )
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Probe timelines" in html and "Asked for a person" in html
