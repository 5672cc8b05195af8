"""`contact-audit scan`: a portfolio pass, its overview, alerts on regressions, and resuming."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sqlalchemy.orm import Session

from auditor.demo.sitehost import serve
from auditor.errors import ConfigError
from auditor.history.store import sites
from auditor.portfolio.file import load_portfolio
from auditor.storage.db import open_database
from tests.builders import write_site
from tests.conftest import free_port, run_cli
from tests.test_alerts import hook_server

pytestmark = pytest.mark.slow


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def stored_runs(path: Path) -> list[tuple[str | None, str | None, int]]:
    """(name, owner, runs) of every site in the history: the portfolio names the site it scanned."""
    engine = open_database(f"sqlite:///{path}")
    with Session(engine) as session:
        found = [(site.name, site.owner, count) for site, count in sites(session)]
    engine.dispose()
    return found


def test_scan_overview_alerts_and_resume(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_site(root, 1)
    down = f"http://127.0.0.1:{free_port()}/"
    env = {"CONTACT_AUDIT_DB": f"sqlite:///{tmp_path / 'h.sqlite'}"}
    with serve(root) as base, hook_server() as (hook, received):
        portfolio = tmp_path / "clients.toml"
        portfolio.write_text(
            f'[portfolio]\nname = "Agency <clients>"\nout = "scans"\n\n[alerts]\nwebhook = "{hook}"\n\n'
            f'[[sites]]\nname = "Velo <b>Test</b>"\nurl = "{base}/"\nowner = "jane@agency.example"\n'
            "delay = 0\nrender = false\n\n"
            f'[[sites]]\nname = "Gone Ltd"\nurl = "{down}"\ndelay = 0\nrender = false\n',
            encoding="utf-8",
        )
        first = run_cli("scan", str(portfolio), "--json", env=env)
        assert first.returncode == 0, first.stderr
        state = load(tmp_path / "scans" / "scan-state.json")
        assert state["finished"] and state["sites"]["Velo <b>Test</b>"]["status"] == "done"
        assert state["sites"]["Gone Ltd"]["status"] == "failed"
        assert "connection to 127.0.0.1 was refused" in state["sites"]["Gone Ltd"]["error"]
        assert [s["name"] for s in received[0]["json"]["sites"]] == ["Gone Ltd"]  # a site that cannot be audited

        write_site(root, 2)  # the WhatsApp link goes, and the about page loses its contact link
        contact = root / "contact" / "index.html"  # and the support address goes too
        contact.write_text(contact.read_text(encoding="utf-8").replace("support@velo-test", "sales@velo-test"))
        second = run_cli("scan", str(portfolio), "--json", env=env)
        assert second.returncode == 0, second.stderr
        said = json.loads(second.stdout)
        assert said["regressed"] == ["Velo <b>Test</b>"]
        assert said["alerts_sent"] == ["the webhook at 127.0.0.1"]  # the host, never the hook's path
        text = received[1]["json"]["text"]
        assert text.startswith("contact-audit: 2 sites of Agency <clients> regressed")
        assert "• Velo <b>Test</b>" in text and "(owner: jane@agency.example)" in text
        velo = text.split("• Velo <b>Test</b>", 1)[1].split("\n•", 1)[0]
        assert re.search(r"\(owner: jane@agency\.example\): The score (stayed at|rose|fell) ", velo), velo
        assert "    – The WhatsApp link 442079460958 is gone" in velo
        assert "    – The support email support@velo-test.co.uk is gone" in velo
        (posted,) = [s for s in received[1]["json"]["sites"] if s["name"] == "Velo <b>Test</b>"]
        assert len(posted["lost_channels"]) == 2 and posted["previous_score"] is not None

        overview = (tmp_path / "scans" / "index.html").read_text(encoding="utf-8")
        assert "<b>Test</b>" not in overview and "Velo &lt;b&gt;Test&lt;/b&gt;" in overview
        page = BeautifulSoup(overview, "html.parser")
        velo = page.select_one("#site-1")
        assert velo.select_one("svg.spark polyline")["points"].count(",") == 2  # two runs on the trend
        assert velo.select_one("a")["href"].endswith("/report.html")
        assert (tmp_path / "scans" / velo.select_one("a")["href"]).is_file()
        assert page.select_one("#site-2").get_text(" ", strip=True).count("not audited") == 1

        assert stored_runs(tmp_path / "h.sqlite") == [("Velo <b>Test</b>", "jane@agency.example", 2)]

        # Interrupted half-way: the first site finished, the second not yet. Resuming audits only the second.
        state = load(tmp_path / "scans" / "scan-state.json")
        velo_dir = state["sites"]["Velo <b>Test</b>"]["run_dir"]
        state["finished"], state["alerts_sent"] = False, False
        state["sites"]["Gone Ltd"] = {"status": "pending", "run_dir": "", "exit_code": None, "score": None, "error": ""}
        (tmp_path / "scans" / "scan-state.json").write_text(json.dumps(state), encoding="utf-8")
        resumed = run_cli("scan", str(portfolio), env=env)
        assert resumed.returncode == 0, resumed.stderr
        assert "Alert sent for 2 sites to the webhook at 127.0.0.1\n" in resumed.stderr  # on the terminal
        assert "/hooks/T0/B0" not in resumed.stderr + resumed.stdout
        assert "Resuming the scan started at" in resumed.stderr and "1 of 2 sites already audited" in resumed.stderr
        assert "Auditing Velo" not in resumed.stderr and "Auditing Gone Ltd" in resumed.stderr
        assert load(tmp_path / "scans" / "scan-state.json")["sites"]["Velo <b>Test</b>"]["run_dir"] == velo_dir
        assert stored_runs(tmp_path / "h.sqlite") == [("Velo <b>Test</b>", "jane@agency.example", 2)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[sites]]\nname = 'A'\nurl = 'ftp://a.example/'\n", "line 3: key 'sites.0.url' must be an http"),
        (
            "[[sites]]\nname = 'A'\nurl = 'https://a.example/'\n[[sites]]\nname = 'a'\nurl = 'https://b.example/'\n",
            "key 'sites' two sites are named",
        ),
        (
            "[alerts]\nemail = ['x@y.example']\n[[sites]]\nname = 'A'\nurl = 'https://a.example/'\n",
            "email alerts need an [alerts.smtp] server",
        ),
        ("[portfolio]\nname = 'x'\n", "key 'sites' field required"),
    ],
)
def test_portfolio_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        load_portfolio(path)
    assert str(caught.value).startswith(f"portfolio file {path}")


def test_a_bad_portfolio_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("[[sites]]\nname = 'A'\nurl = 'https://a.example/'\nmax_pagez = 3\n", encoding="utf-8")
    done = run_cli("scan", str(path))
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"contact-audit: error: portfolio file {path}, line 4: key 'sites.0.max_pagez' is not a known setting"
    )
