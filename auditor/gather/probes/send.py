"""`probe send`: record the plan in the ledger, then claim and send each planned probe exactly once."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from playwright.sync_api import Browser, sync_playwright

from auditor.artifacts import SiteArtifacts
from auditor.config.probes import ProbesConfig
from auditor.config.settings import AuditConfig, chromium_path
from auditor.errors import EXIT_SITE_FAILED, AuditError, ConfigError
from auditor.gather.browser import CHROMIUM_ARGS
from auditor.gather.probes.chat import chat_probe
from auditor.gather.probes.form import submit_form
from auditor.gather.probes.message import chat_text, compose_email, new_token
from auditor.gather.probes.plan import PlanItem, plan_probes, run_key
from auditor.gather.probes.timing import Clock, iso, utc_now
from auditor.mail.smtp import SendError, send_email
from auditor.storage.ledger import Ledger, NewReply, PlannedProbe, ProbeRow

# A claim older than this with no outcome was interrupted: the process died mid-send.
STALE_CLAIM = timedelta(minutes=15)


class ProbeError(AuditError):
    """A mail server or browser failure that stops sending; the ledger keeps what was done."""

    exit_code = EXIT_SITE_FAILED


def check_ready(config: ProbesConfig, items: list[PlanItem]) -> None:
    """Refuse to send before anything is recorded when the operator has not said who they are."""
    if not config.enabled:
        raise ConfigError("probes are disabled; set enabled = true in the [probes] section to send them")
    refused = [i for i in items if i.channel == "site" and i.action == "skip"]
    if refused:
        raise ConfigError(f"nothing was sent: {refused[0].reason}")
    if not config.operator_name or not config.operator_email:
        raise ConfigError("probes need probes.operator_name and probes.operator_email: every probe says who sent it")
    channels = {i.channel for i in items if i.action == "send"}
    if channels & {"email", "form"} and not (config.reply_mailbox or config.from_address):
        raise ConfigError("probes need probes.reply_mailbox (box@domain) to receive replies")
    if "email" in channels and not config.smtp.host:
        raise ConfigError("email probes need probes.smtp.host")


@contextmanager
def chromium(config: AuditConfig) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(config), headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def send_probes(
    ledger: Ledger,
    artifacts: SiteArtifacts,
    config: AuditConfig,
    *,
    only: list[str] | None = None,
    browser: Browser | None = None,
    on_probe: Callable[[ProbeRow, str], None] | None = None,
    now: Clock = utc_now,
) -> list[ProbeRow]:
    """Send this run's planned probes; returns the run's ledger rows afterwards. Every time recorded is `now()`."""
    settings = config.probes
    items = plan_probes(artifacts, settings, only)
    check_ready(settings, items)
    started = now()
    ledger.mark_unknown_interrupted(iso(started - STALE_CLAIM))
    wanted = {(i.channel, i.target): i for i in items if i.action in ("send", "protected")}
    planned = [PlannedProbe(c, t, new_token()) for c, t in wanted]
    rows = ledger.plan(run_key(artifacts), artifacts.site.domain, planned, iso(started))
    to_send = [r for r in rows if r.state == "planned" and (r.channel, r.target) in wanted]
    for row in to_send:
        if wanted[(row.channel, row.target)].action == "protected":
            ledger.mark(row.id, "protected", wanted[(row.channel, row.target)].reason)
    to_send = [r for r in to_send if wanted[(r.channel, r.target)].action == "send"]
    needs_browser = any(r.channel in ("form", "chat") for r in to_send)
    if needs_browser and browser is None:
        with chromium(config) as own:
            _send_all(ledger, config, to_send, own, on_probe, now)
    else:
        _send_all(ledger, config, to_send, browser, on_probe, now)
    return ledger.probes_of_run(run_key(artifacts))


def _send_all(
    ledger: Ledger,
    config: AuditConfig,
    rows: list[ProbeRow],
    browser: Browser | None,
    on_probe: Callable[[ProbeRow, str], None] | None,
    now: Clock,
) -> None:
    for number, row in enumerate(rows):
        if number:
            time.sleep(config.probes.rate_limit_seconds)  # never a burst at one company
        if not ledger.claim(row.id, iso(now())):
            continue  # another `probe send` took it, or it was sent already
        if on_probe is not None:
            on_probe(row, "sending")
        if row.channel == "email":
            _send_email(ledger, config.probes, row, now)
        elif row.channel == "form":
            assert browser is not None
            outcome = submit_form(browser, row.target, config.probes, row.token, config.crawl.timeout, now)
            if outcome.status == "sent" and outcome.submitted_at is not None:
                closes = outcome.submitted_at + timedelta(seconds=config.probes.window_seconds("form"))
                ledger.mark_sent(row.id, iso(outcome.submitted_at), iso(closes))
            else:
                ledger.mark(row.id, outcome.status, outcome.detail)
        else:
            assert browser is not None
            _send_chat(ledger, config, row, browser, now)
        if on_probe is not None:
            on_probe(row, "done")


def _send_email(ledger: Ledger, settings: ProbesConfig, row: ProbeRow, now: Clock) -> None:
    message = compose_email(settings, row.token, row.target)
    try:
        accepted = send_email(settings.smtp, message, row.target, now)
    except SendError as error:
        if error.outcome == "not_sent":
            ledger.release(row.id)  # nothing went out: the next `probe send` tries again
            raise ProbeError(str(error)) from None
        ledger.mark(row.id, "failed" if error.outcome == "refused" else "unknown", str(error))
        return
    closes = accepted + timedelta(seconds=settings.window_seconds("email"))
    ledger.mark_sent(row.id, iso(accepted), iso(closes), str(message["Message-ID"]))


def _send_chat(ledger: Ledger, config: AuditConfig, row: ProbeRow, browser: Browser, now: Clock) -> None:
    question = chat_text(config.probes, row.token)
    outcome = chat_probe(browser, row.target, config.probes, question, config.crawl.timeout, now)
    if outcome.status != "sent" or outcome.sent_at is None:
        ledger.mark(row.id, "failed", outcome.detail)
        return
    closes = outcome.sent_at + timedelta(seconds=config.probes.window_seconds("chat"))
    ledger.mark_sent(row.id, iso(outcome.sent_at), iso(closes))
    for number, reply in enumerate(outcome.replies):
        ledger.add_reply(
            row.id,
            NewReply(f"<chat-{row.token}-{number}@contact-audit>", iso(reply.at), reply.automatic, reply.reason),
        )
    ledger.set_handover(
        row.id, iso(outcome.handover_asked_at) if outcome.handover_asked_at else None, outcome.human_handover
    )
    ledger.close_windows(iso(now()), probe_ids=[row.id])
