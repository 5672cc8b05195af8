"""A batch across machines: one Celery job per site, on a Redis broker, results in the shared history.

`contact-audit batch FILE --queue redis://...` records the batch's sites in the history
database and puts one job per site on the queue; `contact-audit worker --queue ...`, on
any number of machines, takes jobs one by one. A job is acknowledged only when its site
is finished (late acknowledgement), so the job of a worker that dies mid-site goes back
to the queue and another worker audits the site again. The run is stored by the one
transaction that marks the batch's site done (`auditor.history.batches`): however often
a job is delivered, each site of a batch is stored once.

Workers need the same history database (its URL in their config file or $CONTACT_AUDIT_DB)
and the batch's output folder (a shared file system, or `--out` on the worker).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.config.settings import command_config
from auditor.errors import AuditError, ConfigError
from auditor.portfolio.file import LoadedPortfolio

QUEUE_NAME = "contact-audit"
TASK_NAME = "contact_audit.audit_site"
# A job not acknowledged this long after a worker took it is given to another worker:
# longer than any one site's audit (crawl.time_budget is 900 s by default) plus its reports.
REDELIVER_ENV = "CONTACT_AUDIT_REDELIVER_AFTER"
REDELIVER_AFTER = 1800.0


def redeliver_after() -> float:
    value = os.environ.get(REDELIVER_ENV, "")
    try:
        return float(value) if value else REDELIVER_AFTER
    except ValueError:
        raise ConfigError(f"${REDELIVER_ENV} must be a number of seconds, not '{value}'") from None


def celery_app(broker: str) -> Any:
    from celery import Celery

    app = Celery("contact_audit", broker=broker, set_as_current=False)
    app.conf.update(
        task_acks_late=True,  # acknowledged when the site is finished, not when it is taken
        task_reject_on_worker_lost=True,  # a worker that dies gives its job back
        worker_prefetch_multiplier=1,  # a worker holds only the job it is working on
        task_default_queue=QUEUE_NAME,
        task_serializer="json",
        accept_content=["json"],
        # A job whose worker died (a machine lost, SIGKILL) is given out again once the visibility
        # timeout has passed; the unacked sweep runs every second, not every 100 s.
        broker_transport_options={
            "visibility_timeout": redeliver_after(),
            "unacked_restore_interval": 1,
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        task_ignore_result=True,
    )
    app.task(name=TASK_NAME, bind=False)(audit_job)
    return app


def _job(
    batch: str, loaded: LoadedPortfolio, site: Any, overrides: dict[str, Any], formats: list[str]
) -> dict[str, Any]:
    from auditor.portfolio.batch import crawl_options, slug

    portfolio_site = next(s for s in loaded.portfolio.sites if s.url == site.url)
    config = loaded.config_for(portfolio_site)
    options = {**crawl_options(portfolio_site, overrides), "lang": portfolio_site.lang}
    return {
        "batch": batch,
        "name": site.name,
        "url": site.url,
        "out": str(loaded.out / slug(site.name)),
        "config": str(config) if config else None,
        "options": options,
        "formats": formats,
    }


def enqueue_batch(
    loaded: LoadedPortfolio, overrides: dict[str, Any], broker: str, formats: list[str], fresh: bool = False
) -> tuple[str, int]:
    """Record the batch's sites and queue one job per site still to audit; (batch, jobs queued)."""
    from auditor.history.batches import batch_name, plan_batch
    from auditor.portfolio.batch import batch_sites, opened_history

    base = command_config(loaded.config, overrides)
    batch = batch_name(loaded.path, loaded.out)
    with opened_history(base) as history:
        todo = plan_batch(history.engine, batch, batch_sites(loaded), fresh=fresh, only_new=True)
    app = celery_app(broker)
    try:
        for site in todo:
            app.send_task(TASK_NAME, args=[_job(batch, loaded, site, overrides, formats)], queue=QUEUE_NAME)
    except Exception as error:  # kombu's errors for a broker that is down or refuses us
        raise ConfigError(f"the queue {broker} could not be reached: {error}") from None
    return batch, len(todo)


def audit_args(job: dict[str, Any], run_dir: Path) -> list[str]:
    args = [sys.executable, "-m", "auditor", "audit", job["url"], "--out", str(run_dir), "--no-history"]
    args += ["--quiet", "--json", "--format", ",".join(job["formats"])]
    if job.get("config"):
        args += ["--config", job["config"]]
    for option, value in job["options"].items():
        if value is None:
            continue
        if option == "render":
            args.append("--render" if value else "--no-render")
        else:
            args += [f"--{option.replace('_', '-')}", str(value)]
    return args


def audit_job(job: dict[str, Any]) -> str:
    """One site of a batch, on a worker: audited in a process of its own, stored once."""
    from datetime import UTC, datetime

    from auditor.history.batches import BatchSite, fail_site, start_site, store_site
    from auditor.portfolio.batch import opened_history, worker_name
    from auditor.run.files import RESULTS_FILE, load_results, write_atomic
    from auditor.run.render import render_reports, report_options

    site = BatchSite(name=job["name"], url=job["url"])
    config = command_config(Path(job["config"]) if job.get("config") else None)
    began = time.monotonic()
    with opened_history(config) as history:
        if not start_site(history.engine, job["batch"], site, worker_name()):
            return "finished before"  # a job delivered again after its site was finished
        run_dir = Path(job["out"]) / datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S-%f")
        done = subprocess.run(audit_args(job, run_dir), capture_output=True, text=True, check=False)
        seconds = time.monotonic() - began
        if done.returncode not in (0, 1):
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            error = (lines[-1] if lines else f"exit code {done.returncode}").removeprefix("contact-audit: error: ")
            fail_site(history.engine, job["batch"], site, error, run_dir, seconds)
            return "failed"
        try:
            results = load_results(run_dir)
        except AuditError as error:
            fail_site(history.engine, job["batch"], site, str(error), run_dir, seconds)
            return "failed"
        stored = store_site(history, job["batch"], site, results, run_dir, seconds)
        if stored is None:
            return "stored before"
        write_atomic(run_dir / RESULTS_FILE, stored.model_dump_json(indent=2))
        render_reports(stored, run_dir, job["formats"], report_options(config.report, config))
        return "stored"


def run_worker(broker: str, concurrency: int = 1, name: str | None = None, quiet: bool = False) -> None:
    """Take jobs until stopped (Ctrl-C lets the site in hand finish first; a second one stops at once)."""
    from auditor.portfolio.batch import worker_name

    app = celery_app(broker)
    argv = ["worker", "--queues", QUEUE_NAME, "--concurrency", str(concurrency), "--without-gossip"]
    argv += ["--without-mingle", "--loglevel", "WARNING" if quiet else "INFO", "--hostname", name or worker_name()]
    argv += ["--pool", "solo" if concurrency == 1 else "threads"]
    app.worker_main(argv)


def watch_batch(
    loaded: LoadedPortfolio,
    overrides: dict[str, Any],
    batch: str,
    say: Callable[[str], None] = lambda _: None,
    poll: float = 1.0,
) -> Any:
    """Follow a queued batch in the database until every site is finished; then its summary."""
    from auditor.history.batches import FINISHED, batch_outcomes
    from auditor.portfolio.batch import opened_history, write_summary

    base = command_config(loaded.config, overrides)
    seen: set[str] = set()
    with opened_history(base) as history:
        while True:
            outcomes = batch_outcomes(history.engine, batch)
            for outcome in outcomes:
                if outcome.state in FINISHED and outcome.url not in seen:
                    seen.add(outcome.url)
                    detail = outcome.error if outcome.state == "failed" else f"score {outcome.score}"
                    say(f"[{len(seen)}/{len(outcomes)}] {outcome.name}: {outcome.state}, {detail}")
            if all(o.state in FINISHED for o in outcomes):
                return write_summary(loaded, history.engine, batch, 0, False)
            time.sleep(poll)


def queue_length(broker: str) -> int:
    """Jobs waiting on the queue (not those a worker holds): what `redis-cli llen contact-audit` says."""
    import redis

    client = redis.Redis.from_url(broker)
    try:
        return int(client.llen(QUEUE_NAME))
    finally:
        client.close()
