"""`contact-audit demo --probes`: the whole probe loop offline, on 127.0.0.1, with short waits.

A local SMTP and IMAP server and a stand-in helpdesk play the company's mail system;
the demo site's form posts to that helpdesk and its chat widget has a bot and a person.
Windows are seconds instead of days, so the loop takes about half a minute.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.artifacts import SiteArtifacts
from auditor.config.settings import AuditConfig
from auditor.demo.site import demo_site
from auditor.demo.sitehost import serve
from auditor.gather.probes.collect import collect
from auditor.gather.probes.lab.servers import MailLab
from auditor.gather.probes.send import send_probes
from auditor.gather.probes.view import domain_probes
from auditor.results import AuditResults
from auditor.run.files import ARTIFACTS_FILE, write_atomic
from auditor.run.pipeline import gather, judge, prepare_out_dir
from auditor.run.render import render_reports
from auditor.storage.ledger import Ledger

if TYPE_CHECKING:
    from auditor.run.render import ReportOptions

DEMO_COMPANY = "nimbus-bikes.co.uk"


def run_probe_demo(
    config: AuditConfig, out_dir: Path, formats: list[str], options: ReportOptions, say: Callable[[str], None]
) -> AuditResults:
    """Crawl the demo site, probe its email, form and chat through the local mail world, then audit."""
    prepare_out_dir(out_dir)
    with tempfile.TemporaryDirectory(prefix="contact-audit-demo-") as scratch, MailLab([DEMO_COMPANY]) as lab:
        os.environ[lab.password_env] = lab.password
        config.probes = lab.probes_config(
            email_window_hours=12 / 3600, form_window_hours=12 / 3600, chat_window_seconds=15, max_per_channel=1
        )
        # The demo keeps its ledger to itself, never in the user's history database.
        config.history.url = f"sqlite:///{Path(scratch) / 'demo-ledger.sqlite'}"
        with demo_site() as root, serve(root, on_post=lab.form_handler(f"contact@{DEMO_COMPANY}")) as base:
            say(f"Serving the demo site (Nimbus Bikes) at {base}/ with a local mail server and helpdesk")
            artifacts = gather(base + "/", config, out_dir)
            ledger = Ledger(config.history.url)
            try:
                say("Sending one test message by email, contact form and chat ...")
                for row in send_probes(ledger, artifacts, config):
                    say(f"  {row.channel}: {row.state} {row.target}")
                say("Collecting replies until the probes' windows close ...")
                collect(ledger, config.probes, wait_seconds=30)
                artifacts.probes = domain_probes(ledger, artifacts.site.domain)
            finally:
                ledger.close()
    write_atomic(out_dir / ARTIFACTS_FILE, artifacts.model_dump_json(indent=2))
    return _audit(artifacts, config, out_dir, formats, options)


def _audit(
    artifacts: SiteArtifacts, config: AuditConfig, out_dir: Path, formats: list[str], options: ReportOptions
) -> AuditResults:
    results = judge(artifacts, config, out_dir)
    render_reports(results, out_dir, formats, options)
    return results
