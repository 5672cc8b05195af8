"""Audit many sites at once on one machine: one process, one reactor, one shared Chromium.

Every site gets the same audit as `contact-audit audit` (its own run directory and its
history row), but the crawls run side by side in one Twisted reactor: `concurrency` sites
at a time, each polite to its own host (its delay and per-domain request limit), all
rendering in one browser. The CPU work after a crawl (checks, history, reports) runs in a
worker thread while the reactor goes on crawling the others. A site that fails is
recorded with its one-sentence reason and the batch goes on; a finished site's data is
written to its run directory and dropped, so memory does not grow with the batch.

The batch's sites live in the history database (`batch_sites`): a site is stored once per
batch, and starting an interrupted batch again audits only what was not finished.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.artifacts import SiteArtifacts
from auditor.config.settings import AuditConfig, command_config
from auditor.errors import AuditError, ConfigError, SiteError
from auditor.history.batches import BatchSite, fail_site, release_site, start_site, store_site
from auditor.history.record import History
from auditor.portfolio.file import LoadedPortfolio, PortfolioSite
from auditor.run.files import ARTIFACTS_FILE, CRAWL_LOG, RESULTS_FILE, write_atomic

if TYPE_CHECKING:
    from auditor.run.render import Lender, ReportOptions

Clock = Callable[[], float]
# Told when a site is finished: the job, "done" or "failed", its score, its error sentence.
SiteFinished = Callable[["SiteJob", str, "int | None", str], None]
BATCH_FORMATS = ["html", "json"]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "site"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class SiteJob:
    """One site of a batch, with the settings it is audited with."""

    site: BatchSite
    config: AuditConfig
    run_dir: Path


def crawl_options(site: PortfolioSite, overrides: dict[str, Any]) -> dict[str, Any]:
    """A site's crawl options: the portfolio's for the site, the command line's over them."""
    crawl = {"max_pages": site.max_pages, "max_depth": site.max_depth, "delay": site.delay, "render": site.render}
    crawl.update({k: v for k, v in overrides.items() if v is not None})
    return crawl


def site_settings(loaded: LoadedPortfolio, site: PortfolioSite, overrides: dict[str, Any]) -> AuditConfig:
    """A site's settings: its own config file or the portfolio's, its options, then the command line's."""
    config = command_config(loaded.config_for(site), crawl_options(site, overrides))
    if site.lang:
        config.report.lang = site.lang
    return config


def jobs_for(
    loaded: LoadedPortfolio, sites: list[BatchSite], overrides: dict[str, Any], stamp: str | None = None
) -> list[SiteJob]:
    by_url = {s.url: s for s in loaded.portfolio.sites}
    stamp = stamp or datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S")
    jobs, folders = [], set()
    for site in sites:
        portfolio_site = by_url[site.url]
        config = site_settings(loaded, portfolio_site, overrides)
        folder, count = slug(site.name), 2
        while folder in folders:  # "Shop A" and "Shop-A" get folders of their own
            folder, count = f"{slug(site.name)}-{count}", count + 1
        folders.add(folder)
        jobs.append(SiteJob(site, config, loaded.out / folder / stamp))
    return jobs


def batch_sites(loaded: LoadedPortfolio) -> list[BatchSite]:
    """The batch's sites in the file's order; a site listed twice (the same URL in other words) once."""
    sites, seen = [], set()
    for listed in loaded.portfolio.sites:
        site = BatchSite(name=listed.name, url=listed.url)
        if site.key not in seen:
            seen.add(site.key)
            sites.append(site)
    return sites


@dataclass
class Running:
    name: str
    started: float


@dataclass
class BatchProgress:
    """What a person watching a batch wants to know: done, running, queued, the slowest site now."""

    total: int
    clock: Clock = time.monotonic
    done: int = 0
    failed: int = 0
    running: dict[str, Running] = field(default_factory=dict)
    lines: Callable[[str], None] = lambda _: None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def queued(self) -> int:
        return self.total - self.done - self.failed - len(self.running)

    def started(self, site: BatchSite) -> None:
        with self._lock:
            self.running[site.key] = Running(site.name, self.clock())
        self.lines(f"Auditing {site.name} ({site.url})")

    def finished(self, site: BatchSite, ok: bool, detail: str) -> None:
        with self._lock:
            began = self.running.pop(site.key, None)
            self.done += ok
            self.failed += not ok
            seconds = self.clock() - began.started if began else 0.0
            position = self.done + self.failed
        self.lines(f"[{position}/{self.total}] {site.name}: {detail} ({seconds:.0f} s)")

    def slowest(self) -> tuple[str, float] | None:
        with self._lock:
            if not self.running:
                return None
            oldest = min(self.running.values(), key=lambda r: r.started)
            return oldest.name, self.clock() - oldest.started

    def status(self) -> str:
        slowest = self.slowest()
        text = f"Batch: {self.done} done, {self.failed} failed, {len(self.running)} running, {self.queued} queued"
        if slowest is not None:
            text += f"; slowest now: {slowest[0]} ({slowest[1]:.0f} s)"
        return text


class _SpiderLogs(logging.Handler):
    """Each crawl's log lines go to its own run directory's crawl.log, as a single audit's do."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self._files: dict[int, logging.FileHandler] = {}
        self.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))

    def open(self, spider: Any, path: Path) -> None:
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        handler.setFormatter(self.formatter)
        self._files[id(spider)] = handler

    def close_for(self, spider: Any) -> None:
        handler = self._files.pop(id(spider), None)
        if handler is not None:
            handler.close()

    def emit(self, record: logging.LogRecord) -> None:
        spider = getattr(record, "spider", None)
        handler = self._files.get(id(spider)) if spider is not None else None
        if handler is not None:
            handler.emit(record)


@dataclass
class Events:
    """What an engine tells about its sites: to the progress display and the caller (a scan)."""

    progress: BatchProgress | None = None
    on_site: SiteFinished | None = None

    def started(self, job: SiteJob) -> None:
        if self.progress:
            self.progress.started(job.site)

    def finished(self, job: SiteJob, state: str, score: int | None, error: str, detail: str) -> None:
        if self.on_site is not None and state in ("done", "failed"):
            self.on_site(job, state, score, error)
        if self.progress:
            self.progress.finished(job.site, state == "done", detail)


class _Jobs:
    """The jobs still to start, taken one at a time by the engine's lanes (thread-safe)."""

    def __init__(self, jobs: list[SiteJob]) -> None:
        self._jobs = list(reversed(jobs))
        self._lock = threading.Lock()

    def take(self) -> SiteJob | None:
        with self._lock:
            return self._jobs.pop() if self._jobs else None


@dataclass
class BatchEngine:
    """Runs site jobs in one reactor with one shared browser, `concurrency` sites at a time."""

    history: History
    batch: str
    formats: list[str]
    options: ReportOptions
    concurrency: int = 4
    events: Events = field(default_factory=Events)
    interrupted: bool = False
    _db_lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, jobs: list[SiteJob] | None = None, take: Callable[[], SiteJob | None] | None = None) -> None:
        """Audit the jobs (a list, or `take` until it returns None); returns when all are
        finished, or when the batch was interrupted."""
        if take is None and not jobs:
            return  # nothing to audit: no reactor, no browser
        take = take or _Jobs(jobs or []).take
        from scrapy.utils.reactor import install_reactor

        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
        from scrapy.crawler import CrawlerRunner
        from twisted.internet import defer
        from twisted.internet import reactor as installed

        from auditor.gather.crawl import close_shared_browser

        reactor: Any = installed  # the asyncio reactor installed above

        logs = _SpiderLogs()
        root = logging.getLogger()
        root.addHandler(logs)
        level = root.level
        root.setLevel(logging.INFO)
        runner = CrawlerRunner()
        reactor.suggestThreadPoolSize(max(2, self.concurrency))
        previous = signal.getsignal(signal.SIGINT)

        def interrupt(*_: Any) -> None:
            self.interrupted = True
            reactor.callFromThread(runner.stop)

        signal.signal(signal.SIGINT, interrupt)
        signal.signal(signal.SIGTERM, interrupt)

        from twisted.internet import threads

        @defer.inlineCallbacks
        def lane() -> Any:
            while not self.interrupted:
                job = yield threads.deferToThread(take)
                if job is None or self.interrupted:
                    return
                yield self._one(runner, job, logs)

        lanes = [lane() for _ in range(max(1, self.concurrency))]
        every = defer.DeferredList(lanes, consumeErrors=True)
        every.addBoth(lambda _: close_shared_browser())
        every.addBoth(lambda _: reactor.stop())
        try:
            reactor.run(installSignalHandlers=False)
        finally:
            signal.signal(signal.SIGINT, previous)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            root.removeHandler(logs)
            root.setLevel(level)

    def _one(self, runner: Any, job: SiteJob, logs: _SpiderLogs) -> Any:
        from scrapy import signals
        from twisted.internet import defer, threads

        from auditor.gather.crawl import SiteCrawl, crawl_in, shared_browser_lender
        from auditor.run.pipeline import prepare_out_dir

        @defer.inlineCallbacks
        def audit() -> Any:
            began = time.monotonic()
            with self._db_lock:
                fresh = start_site(self.history.engine, self.batch, job.site, worker_name())
            if not fresh:
                return
            self.events.started(job)
            try:
                prepare_out_dir(job.run_dir)
                crawl = SiteCrawl(job.site.url, job.config, run_dir=job.run_dir, shared_browser=True)
                refused = yield threads.deferToThread(crawl.unreachable)
                if refused is not None:
                    raise refused
                crawler_log = job.run_dir / CRAWL_LOG

                def opened(spider: Any) -> None:
                    logs.open(spider, crawler_log)

                artifacts = yield crawl_in(runner, crawl, on_crawler=lambda c: _log_to(c, opened, logs, signals))
                # The PDF is printed in the browser the crawls share, not in a Chromium of its own.
                yield threads.deferToThread(self._finish, job, artifacts, began, shared_browser_lender())
            except SiteError as error:
                self._failed(job, error, began)
            except AuditError as error:
                self._failed(job, error, began)
            except Exception as error:  # a bug in one site's audit must not end the batch
                self._failed(job, AuditError(f"internal error: {type(error).__name__}: {error}"), began)

        return audit()

    def _finish(self, job: SiteJob, artifacts: SiteArtifacts, began: float, lend: Lender | None = None) -> None:
        from auditor.run.pipeline import add_ledger_probes, judge
        from auditor.run.render import render_reports

        if artifacts.site.interrupted:
            write_atomic(job.run_dir / ARTIFACTS_FILE, artifacts.model_dump_json(indent=2))
            with self._db_lock:
                release_site(self.history.engine, self.batch, job.site)
            self.events.finished(job, "interrupted", None, "", "interrupted; audited again when the batch starts again")
            return
        add_ledger_probes(artifacts, job.config)
        write_atomic(job.run_dir / ARTIFACTS_FILE, artifacts.model_dump_json(indent=2))
        results = judge(artifacts, job.config, job.run_dir)
        with self._db_lock:
            stored = store_site(self.history, self.batch, job.site, results, job.run_dir, time.monotonic() - began)
        if stored is not None:
            results = stored
            write_atomic(job.run_dir / RESULTS_FILE, results.model_dump_json(indent=2))
        render_reports(results, job.run_dir, self.formats, self.options, lend)
        score = "no score" if results.score is None else f"score {results.score}"
        self.events.finished(job, "done", results.score, "", score + (", partial" if results.site.partial else ""))

    def _failed(self, job: SiteJob, error: AuditError, began: float) -> None:
        partial = getattr(error, "partial", None)
        if isinstance(partial, SiteArtifacts):
            with suppress(OSError):
                write_atomic(job.run_dir / ARTIFACTS_FILE, partial.model_dump_json(indent=2))
        with self._db_lock:
            fail_site(self.history.engine, self.batch, job.site, str(error), job.run_dir, time.monotonic() - began)
        self.events.finished(job, "failed", None, str(error), str(error))


class _QueueEvents(Events):
    """An engine process's events, sent to the batch's parent process."""

    def __init__(self, events: Any) -> None:
        super().__init__()
        self.queue = events

    def started(self, job: SiteJob) -> None:
        self.queue.put(("started", job))

    def finished(self, job: SiteJob, state: str, score: int | None, error: str, detail: str) -> None:
        self.queue.put(("finished", job, state, score, error, detail))


def _engine_process(
    jobs: Any,
    events: Any,
    base: AuditConfig,
    keep: int | None,
    batch: str,
    formats: list[str],
    options: ReportOptions,
    concurrency: int,
) -> None:
    """One engine process of a batch: takes jobs from the parent's queue until there are none."""
    import queue

    def take() -> SiteJob | None:
        try:
            job: SiteJob = jobs.get(timeout=1.0)
        except queue.Empty:
            return None
        return job

    interrupted = False
    try:
        with opened_history(base, keep) as history:
            engine = BatchEngine(history, batch, formats, options, concurrency, events=_QueueEvents(events))
            engine.run(take=take)
            interrupted = engine.interrupted
    finally:
        events.put(("exit", interrupted))


def _run_processes(
    jobs: list[SiteJob],
    processes: int,
    local: Events,
    base: AuditConfig,
    keep: int | None,
    batch: str,
    formats: list[str],
    options: ReportOptions,
    concurrency: int,
) -> bool:
    """Share the jobs among `processes` engine processes (one reactor and one browser each, so
    that every core crawls); True when the batch was interrupted."""
    import multiprocessing
    import queue

    context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
    todo, events = context.Queue(), context.Queue()
    for job in jobs:
        todo.put(job)
    args = (todo, events, base, keep, batch, formats, options, concurrency)
    children = [context.Process(target=_engine_process, args=args, name=f"batch-{n}") for n in range(processes)]
    stopping = threading.Event()

    def stop(*_: Any) -> None:
        stopping.set()
        for child in children:
            if child.pid is not None and child.is_alive():
                os.kill(child.pid, signal.SIGINT)  # each engine stops its crawls and gives its sites back

    previous = signal.signal(signal.SIGINT, stop), signal.signal(signal.SIGTERM, stop)
    interrupted, exited = False, 0
    try:
        for child in children:
            child.start()
        while exited < len(children):
            try:
                event = events.get(timeout=1.0)
            except queue.Empty:
                if not any(child.is_alive() for child in children):
                    break  # a process died without a word: its sites stay queued for the next start
                continue
            if event[0] == "started":
                local.started(event[1])
            elif event[0] == "finished":
                local.finished(*event[1:])
            else:
                exited += 1
                interrupted = interrupted or bool(event[1])
        for child in children:
            child.join()
    finally:
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])
    return interrupted or stopping.is_set()


def _log_to(crawler: Any, opened: Callable[[Any], None], logs: _SpiderLogs, signals: Any) -> None:
    crawler.signals.connect(lambda spider, **_: opened(spider), signal=signals.spider_opened, weak=False)
    crawler.signals.connect(lambda spider, **_: logs.close_for(spider), signal=signals.spider_closed, weak=False)


@contextmanager
def opened_history(config: AuditConfig, keep: int | None = None) -> Iterator[History]:
    from auditor.history.record import open_history

    history = open_history(config, True, keep)
    if history is None:
        raise ConfigError("a batch needs the history database: [history] enabled = false is set")
    try:
        yield history
    finally:
        history.engine.dispose()


@dataclass
class BatchReport:
    batch: str
    out: Path
    outcomes: list[Any]
    overview: Path
    summary: Path
    resumed: int
    interrupted: bool

    @property
    def failed(self) -> list[Any]:
        return [o for o in self.outcomes if o.state == "failed"]

    @property
    def unfinished(self) -> list[Any]:
        return [o for o in self.outcomes if o.state not in ("done", "failed")]


def write_summary(loaded: LoadedPortfolio, engine: Any, batch: str, resumed: int, interrupted: bool) -> BatchReport:
    """The batch's overview page and batch-summary.json, from the database: every site, as it stands."""
    import json

    from auditor.history.batches import batch_outcomes
    from auditor.results import OverviewRow
    from auditor.run.render import write_overview

    outcomes = batch_outcomes(engine, batch)
    out = loaded.out
    out.mkdir(parents=True, exist_ok=True)
    rows = [
        OverviewRow(
            name=o.name,
            url=o.url,
            owner="",
            status=o.state,
            error=o.error,
            score=o.score,
            report=os.path.relpath(Path(o.run_dir) / "report.html", out) if o.run_dir else "",
        )
        for o in outcomes
    ]
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    overview = write_overview(out / "index.html", loaded.portfolio.portfolio.name, rows, generated)
    summary = out / "batch-summary.json"
    data = {
        "batch": batch,
        "generated": generated,
        "interrupted": interrupted,
        "sites": [{**asdict(o), "error": o.error or None, "run_dir": o.run_dir or None} for o in outcomes],
    }
    write_atomic(summary, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return BatchReport(batch, out, outcomes, overview, summary, resumed, interrupted)


def run_batch(
    loaded: LoadedPortfolio,
    overrides: dict[str, Any],
    *,
    concurrency: int = 4,
    formats: list[str] | None = None,
    fresh: bool = False,
    lines: Callable[[str], None] = lambda _: None,
    on_progress: Callable[[BatchProgress], None] | None = None,
    batch: str | None = None,
    only: list[str] | None = None,
    on_site: SiteFinished | None = None,
    keep: int | None = None,
    processes: int = 1,
) -> BatchReport:
    """Audit every site of `loaded` once (those an earlier, interrupted start finished are kept).

    `batch` names the batch (by default: the file and the output folder); `only` restricts
    it to the sites of these names; `keep` prunes each site's history to its newest runs."""
    from auditor.history.batches import batch_name, plan_batch
    from auditor.run.render import report_options

    chosen = formats or BATCH_FORMATS
    base = command_config(loaded.config, overrides)
    sites = [s for s in batch_sites(loaded) if only is None or s.name in only]
    batch = batch or batch_name(loaded.path, loaded.out)
    with opened_history(base, keep) as history:
        todo = plan_batch(history.engine, batch, sites, fresh=fresh)
        jobs = jobs_for(loaded, todo, overrides)
        progress = BatchProgress(total=len(sites), lines=lines)
        progress.done = len(sites) - len(todo)
        if on_progress is not None:
            on_progress(progress)
        options = report_options(base.report, base)
        local = Events(progress, on_site)
        # `concurrency` sites at a time in all, shared by the engine processes (one per core).
        processes = max(1, min(processes, concurrency, len(jobs)))
        if processes > 1:
            lanes = -(-concurrency // processes)
            interrupted = _run_processes(jobs, processes, local, base, keep, batch, chosen, options, lanes)
        else:
            engine = BatchEngine(history, batch, chosen, options, concurrency=concurrency, events=local)
            engine.run(jobs)
            interrupted = engine.interrupted
        return write_summary(loaded, history.engine, batch, len(sites) - len(todo), interrupted)
