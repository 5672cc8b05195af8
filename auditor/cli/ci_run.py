"""One `contact-audit ci` run: its sites, where each goes, their baselines, then each site
audited and gated, and the verdicts written (gate.json, report.md, the job summary).

Everything that can be refused is refused in `prepare`, before the first crawl. A site
the tool cannot audit gets a verdict with `error` set and the next site is audited.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.cli.options import err
from auditor.errors import (
    EXIT_BELOW_THRESHOLD,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    AuditError,
    AuditInterruptedError,
)

if TYPE_CHECKING:
    from auditor.cli.ci_sites import CiSite
    from auditor.config.settings import AuditConfig, GateConfig
    from auditor.history.record import History
    from auditor.history.snapshot import Snapshot
    from auditor.results import AuditResults, GateResult, SiteGate


def stored_baseline(url: str, settings: AuditConfig, history: History | None) -> Snapshot | None:
    """The newest stored run of this site, read before this run is stored."""
    from auditor.history.listing import newest_snapshot
    from auditor.storage.db import database_url, open_database

    engine = history.engine if history is not None else open_database(database_url(settings.history.url or None))
    return newest_snapshot(engine, url)


def _baseline(
    site: str, folder: str, several: bool, gate: GateConfig, settings: AuditConfig, history: History | None
) -> tuple[Snapshot | None, str, list[str]]:
    """The baseline of one site, its source as gate.json names it, and why there is none."""
    from auditor.cli.history import load_run

    if gate.baseline == "latest":
        before = stored_baseline(site, settings, history)
        return (
            before,
            "latest",
            [] if before else ["No stored run of this site yet: the baseline comparison was skipped."],
        )
    if not gate.baseline:
        return None, "", []
    source = Path(gate.baseline)
    if several and source.is_dir() and (source / folder).is_dir():
        source = source / folder  # the folder of an earlier ci run of the same sites
    elif several and source.is_dir() and not (source / "results.json").is_file():
        return None, "", [f"{gate.baseline} has no run of this site ({folder}/): the baseline comparison was skipped."]
    return load_run(str(source), None), str(source), []


class CiRun:
    """One ci run: its sites, where each goes, their baselines, then each site audited and gated."""

    def __init__(
        self,
        settings: AuditConfig,
        gate: GateConfig,
        sites: list[CiSite],
        saved: list[tuple[Path, AuditResults]],
        out: Path,
        formats: list[str],
        options: Any,
    ) -> None:
        self.settings, self.gate, self.sites, self.saved = settings, gate, sites, saved
        self.out, self.formats, self.options = out, formats, options
        self.several = len(sites) > 1
        self.verdicts: list[SiteGate] = []
        self.results: dict[str, AuditResults] = {}
        self.dirs = [d for d, _ in saved] if saved else [out / s.folder if self.several else out for s in sites]
        self.baselines: list[tuple[Snapshot | None, str, list[str]]] = []
        self.history_on = False
        self.keep: int | None = None

    def prepare(self, history_on: bool, keep: int | None) -> None:
        """Everything that can be refused, refused before the first crawl."""
        from auditor.history.record import open_history
        from auditor.run.pipeline import prepare_out_dir

        history = open_history(self.settings, history_on, keep)
        self.history_on, self.keep = history is not None, keep
        try:
            for site, folder in zip(self.sites, self.dirs, strict=True):
                self.baselines.append(
                    _baseline(site.start, folder.name, self.several, self.gate, self.settings, history)
                )
        finally:
            if history is not None:
                history.engine.dispose()
        for folder in self.dirs:
            if self.saved:
                folder.mkdir(parents=True, exist_ok=True)
            else:
                prepare_out_dir(folder)

    def run(self, quiet: bool, verbose: bool = False) -> None:
        from auditor.cli.ci_sites import audit_apart, audit_here
        from auditor.history.gate import evaluate
        from auditor.results import SiteGate

        audit = audit_apart if self.several else audit_here
        for index, (site, folder) in enumerate(zip(self.sites, self.dirs, strict=True)):
            before, source, warnings = self.baselines[index]
            if self.several and not quiet:
                err.print(f"Site {index + 1} of {len(self.sites)}: {site.start}", markup=False, soft_wrap=True)
            try:
                if self.saved:
                    results = self.saved[index][1]
                else:
                    options = (site.start, self.settings, folder, self.formats, quiet, self.options)
                    results = audit(*options, self.history_on, self.keep, verbose)
            except AuditError as error:
                verdict = SiteGate(passed=False, exit_code=error.exit_code, site=site.start, error=str(error))
                verdict.run_dir = str(folder)
                self._keep(verdict, folder, None)
                if isinstance(error, AuditInterruptedError):
                    break
                continue
            except KeyboardInterrupt:  # Ctrl-C while a site's own process audits it: the verdicts so far are kept
                message = f"the audit of {site.start} was interrupted"
                verdict = SiteGate(passed=False, exit_code=EXIT_INTERRUPTED, site=site.start, error=message)
                verdict.run_dir = str(folder)
                self._keep(verdict, folder, None)
                break
            except Exception as error:  # a crashed audit process must not lose the other sites' verdicts
                message = f"internal error: {type(error).__name__}: {error}"
                verdict = SiteGate(passed=False, exit_code=EXIT_INTERNAL, site=site.start, error=message)
                verdict.run_dir = str(folder)
                self._keep(verdict, folder, None)
                continue
            pages = site.pages if len(site.pages) > 1 else []
            verdict = evaluate(results, self.gate, before, source, pages)
            verdict.run_dir = str(folder)
            verdict.warnings = warnings + verdict.warnings
            self.results[str(folder)] = results
            self._keep(verdict, folder, results)

    def _keep(self, verdict: SiteGate, folder: Path, results: AuditResults | None) -> None:
        self.verdicts.append(verdict)
        if self.several:
            _write(_single(verdict), folder, results, summary=False)

    def verdict(self, warnings: list[str]) -> GateResult:
        """The command's verdict, written: gate.json and the job summary (and report.md per site)."""
        if not self.several:
            (site,) = self.verdicts
            site.warnings += warnings
            result = _single(site)
            _write(result, self.out, self.results.get(site.run_dir), summary=True)
            return result
        result = _combined(self.verdicts, warnings)
        _write(result, self.out, None, summary=True)
        return result


def exit_code_of(verdicts: list[SiteGate]) -> int:
    """Interrupted first, then a tool failure (it could not judge every site), then a failed gate."""
    codes = {v.exit_code for v in verdicts}
    if EXIT_INTERRUPTED in codes:
        return EXIT_INTERRUPTED
    tool = [code for code in codes if code not in (EXIT_OK, EXIT_BELOW_THRESHOLD)]
    if tool:
        return max(tool)
    return EXIT_BELOW_THRESHOLD if EXIT_BELOW_THRESHOLD in codes else EXIT_OK


def _single(site: SiteGate) -> GateResult:
    from auditor.results import GateResult

    return GateResult(**site.model_dump(), sites=[site.model_copy(deep=True)])


def _combined(sites: list[SiteGate], warnings: list[str]) -> GateResult:
    from auditor.results import GateResult

    code = exit_code_of(sites)
    failed = [s for s in sites if s.error]
    error = f"{len(failed)} of {len(sites)} sites could not be audited" if failed else None
    return GateResult(passed=code == EXIT_OK, exit_code=code, sites=sites, warnings=warnings, error=error)


def _write(result: GateResult, out: Path, results: AuditResults | None, summary: bool) -> None:
    """gate.json, report.md with the gate on top, and GitHub's job summary when there is one."""
    from auditor.run.render import append_step_summary, write_gate

    text = write_gate(result, out, results)
    if not summary:
        return
    try:
        append_step_summary(text)
    except OSError as error:
        err.print(f"contact-audit: warning: the job summary could not be written: {error}", markup=False)
