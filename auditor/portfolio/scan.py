"""One pass over a portfolio: audit every site, collect probe replies, store history,
write the overview, alert on regressions.

The sites are audited by the batch engine (`auditor.portfolio.batch`): several at once,
one shared browser, a failed site reported while the others go on. A state file in the
output folder records each finished site at once, so an interrupted scan started again
carries on where it stopped instead of starting over; each pass is a batch of its own.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from auditor.errors import AuditInterruptedError
from auditor.portfolio.alerts import SiteAlert, send_alerts
from auditor.portfolio.file import LoadedPortfolio
from auditor.portfolio.overview import build_overview
from auditor.portfolio.state import FINISHED, ScanState

STATE_FILE = "scan-state.json"
OVERVIEW_FILE = "index.html"


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
    alerts_sent: list[str] = field(default_factory=list)  # where the alert went, without secrets


def run_scan(loaded: LoadedPortfolio, fresh: bool = False, say: Callable[[str], None] = lambda _: None) -> ScanReport:
    out = loaded.out
    out.mkdir(parents=True, exist_ok=True)
    state_path = out / STATE_FILE
    previous = None if fresh else ScanState.load(state_path)
    resumed = previous is not None and not previous.finished
    state = previous if previous is not None and resumed else ScanState(started_at=datetime.now(UTC).isoformat())
    sites = loaded.portfolio.sites
    if resumed:
        already = sum(1 for s in sites if state.site(s.name).status in FINISHED)
        say(f"Resuming the scan started at {state.started_at}: {already} of {len(sites)} sites already audited")
    problems: list[str] = []
    pending = [s.name for s in sites if state.site(s.name).status not in FINISHED]
    if pending:
        from auditor.history.batches import batch_name
        from auditor.portfolio.batch import SiteJob, run_batch

        guard = threading.Lock()

        def audited(job: SiteJob, status: str, score: int | None, error: str) -> None:
            with guard:
                site_state = state.site(job.site.name)
                site_state.status, site_state.run_dir = status, str(job.run_dir)
                site_state.score, site_state.error = score, error
                site_state.exit_code = 0 if status == "done" else 3
                state.save(state_path)

        pass_name = f"scan-{batch_name(loaded.path, out)}-{state.started_at}"[:200]
        report = run_batch(
            loaded,
            {},
            fresh=True,  # the sites this pass still has to audit, whatever an earlier pass did
            batch=pass_name,
            only=pending,
            on_site=audited,
            keep=loaded.portfolio.portfolio.keep,
            lines=say,
        )
        if report.interrupted:
            state.save(state_path)
            raise AuditInterruptedError(
                f"the scan was interrupted; run the same command again to audit the {len(report.unfinished)} sites left"
            )
    if any(s.probes for s in sites) and not state.probes_collected and has_probe_collect():
        say("Collecting probe replies")
        problem = collect_probes(loaded)
        if problem:
            problems.append(f"probe collect failed: {problem}")
        state.probes_collected = True
        state.save(state_path)
    overview, regressed, more = build_overview(loaded, state, out / OVERVIEW_FILE)
    problems += more
    sent: list[str] = []
    if not state.alerts_sent:
        delivery = send_alerts(loaded.portfolio.alerts, loaded.portfolio.portfolio.name, regressed)
        problems += delivery.problems
        sent = delivery.sent
        if sent:
            count = f"{len(regressed)} site{'s' if len(regressed) != 1 else ''}"
            say(f"Alert sent for {count} to {' and '.join(sent)}")
        state.alerts_sent = True
    state.finished = True
    state.save(state_path)
    return ScanReport(
        state=state, overview=overview, resumed=resumed, problems=problems, regressed=regressed, alerts_sent=sent
    )
