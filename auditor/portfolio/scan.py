"""One pass over a portfolio: audit every site, collect probe replies, store history,
write the overview, alert on regressions.

Each site is audited by a fresh `contact-audit audit` process: Scrapy's reactor cannot
be restarted inside one process, and a site that crashes its audit cannot take the
others down. A state file in the output folder records each finished site at once, so
an interrupted scan started again carries on where it stopped instead of starting over.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from auditor.portfolio.alerts import SiteAlert, send_alerts
from auditor.portfolio.file import LoadedPortfolio, PortfolioSite
from auditor.portfolio.overview import build_overview
from auditor.portfolio.state import FINISHED, ScanState, SiteState

STATE_FILE = "scan-state.json"
OVERVIEW_FILE = "index.html"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "site"


def audit_args(loaded: LoadedPortfolio, site: PortfolioSite, run_dir: Path) -> list[str]:
    args = [sys.executable, "-m", "auditor", "audit", site.url, "--out", str(run_dir), "--quiet", "--json"]
    config = loaded.beside(site.config) if site.config else loaded.config
    if config is not None:
        args += ["--config", str(config)]
    for option, value in (("--max-pages", site.max_pages), ("--max-depth", site.max_depth), ("--delay", site.delay)):
        if value is not None:
            args += [option, f"{value:g}" if isinstance(value, float) else str(value)]
    if site.render is not None:
        args.append("--render" if site.render else "--no-render")
    if site.lang:
        args += ["--lang", site.lang]
    if loaded.portfolio.portfolio.keep:
        args += ["--keep", str(loaded.portfolio.portfolio.keep)]
    return args


def audit_site(loaded: LoadedPortfolio, site: PortfolioSite, state: SiteState) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S")
    run_dir = loaded.out / slug(site.name) / stamp
    try:
        done = subprocess.run(
            audit_args(loaded, site, run_dir),
            capture_output=True,
            text=True,
            timeout=loaded.portfolio.portfolio.timeout,
            cwd=loaded.path.parent,
        )
    except subprocess.TimeoutExpired:
        state.status, state.error = "failed", f"the audit took longer than {loaded.portfolio.portfolio.timeout:g} s"
        return
    state.run_dir, state.exit_code = str(run_dir), done.returncode
    if done.returncode in (0, 1):
        state.status = "done"
        try:
            state.score = json.loads(done.stdout.strip().splitlines()[-1]).get("score")
        except (ValueError, IndexError, AttributeError):
            state.score = None
    else:
        state.status = "failed"
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        state.error = (lines[-1] if lines else f"exit code {done.returncode}").removeprefix("contact-audit: error: ")


def has_probe_collect() -> bool:
    """Whether this installation has `contact-audit probe collect` (probes are an optional part)."""
    from importlib.util import find_spec

    return find_spec("auditor.gather.probes.collect") is not None


def collect_probes(loaded: LoadedPortfolio) -> str:
    """Run `probe collect` once; an error message, or "" when it went well."""
    args = [sys.executable, "-m", "auditor", "probe", "collect", "--quiet"]
    if loaded.config is not None:
        args += ["--config", str(loaded.config)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=loaded.path.parent)
    if done.returncode == 0:
        return ""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return lines[-1] if lines else f"probe collect ended with exit code {done.returncode}"


@dataclass
class ScanReport:
    state: ScanState
    overview: Path
    resumed: bool
    problems: list[str] = field(default_factory=list)
    regressed: list[SiteAlert] = field(default_factory=list)


def run_scan(loaded: LoadedPortfolio, fresh: bool = False, say: Callable[[str], None] = lambda _: None) -> ScanReport:
    out = loaded.out
    out.mkdir(parents=True, exist_ok=True)
    state_path = out / STATE_FILE
    previous = None if fresh else ScanState.load(state_path)
    resumed = previous is not None and not previous.finished
    state = previous if previous is not None and resumed else ScanState(started_at=datetime.now(UTC).isoformat())
    sites = loaded.portfolio.sites
    if resumed:
        finished = sum(1 for s in sites if state.site(s.name).status in FINISHED)
        say(f"Resuming the scan started at {state.started_at}: {finished} of {len(sites)} sites already audited")
    problems: list[str] = []
    for number, site in enumerate(sites, start=1):
        site_state = state.site(site.name)
        if site_state.status in FINISHED:
            continue
        say(f"[{number}/{len(sites)}] Auditing {site.name} ({site.url})")
        audit_site(loaded, site, site_state)
        if site_state.status == "failed":
            say(f"  {site_state.error}")
        state.save(state_path)
    if any(s.probes for s in sites) and not state.probes_collected and has_probe_collect():
        say("Collecting probe replies")
        problem = collect_probes(loaded)
        if problem:
            problems.append(f"probe collect failed: {problem}")
        state.probes_collected = True
        state.save(state_path)
    overview, regressed, more = build_overview(loaded, state, out / OVERVIEW_FILE)
    problems += more
    if not state.alerts_sent:
        problems += send_alerts(loaded.portfolio.alerts, loaded.portfolio.portfolio.name, regressed)
        state.alerts_sent = True
    state.finished = True
    state.save(state_path)
    return ScanReport(state=state, overview=overview, resumed=resumed, problems=problems, regressed=regressed)
