"""Which probes a run may send: authorised domains only, the do-not-probe list honoured, one per channel.

Planning is pure: it reads the artifacts of an audit run and the [probes] config and
says, for every channel found, what would be sent or why not.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.artifacts import SiteArtifacts
from auditor.config.probes import ProbesConfig
from auditor.domains import host_of, registrable_domain

# Addresses customers are meant to write to come first; sales and jobs last.
_PREFERRED = ("support", "help", "service", "contact", "kontakt", "info", "hello", "hallo", "care")


@dataclass(frozen=True)
class PlanItem:
    channel: str
    target: str
    action: str  # "send", "protected" (a CAPTCHA: recorded, not sent) or "skip"
    reason: str = ""


def run_key(artifacts: SiteArtifacts) -> str:
    """Names one audit run in the ledger: the same run directory always plans the same probes."""
    return f"{artifacts.site.domain}@{artifacts.site.started_at}"


def authorised(host: str, config: ProbesConfig) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in config.authorised_domains)


def forbidden(target: str, config: ProbesConfig) -> bool:
    """On the do-not-probe list: the address itself, its domain, or the page's host."""
    target = target.lower()
    host = target.rpartition("@")[2] if "@" in target and "://" not in target else host_of(target)
    return any(entry == target or host == entry or host.endswith("." + entry) for entry in config.do_not_probe)


def _email_rank(address: str, on_contact_page: bool) -> tuple[int, int, str]:
    local = address.partition("@")[0]
    preferred = next((i for i, word in enumerate(_PREFERRED) if local.startswith(word)), len(_PREFERRED))
    return (0 if on_contact_page else 1, preferred, address)


def _gate(channel: str, target: str, host: str, config: ProbesConfig) -> PlanItem | None:
    if forbidden(target, config):
        return PlanItem(channel, target, "skip", "on the do-not-probe list")
    if not authorised(host, config):
        return PlanItem(channel, target, "skip", f"{registrable_domain(host) or host} is not an authorised domain")
    return None


def plan_probes(artifacts: SiteArtifacts, config: ProbesConfig, only: list[str] | None = None) -> list[PlanItem]:
    """Every candidate with its decision; `only` restricts email targets to the addresses the user chose."""
    items: list[PlanItem] = []
    site_host = host_of(artifacts.site.url)
    if not authorised(site_host, config):
        reason = f"{artifacts.site.domain} is not an authorised domain (add it with --authorised-domain)"
        return [PlanItem("site", artifacts.site.url, "skip", reason)]
    channels = artifacts.channels
    contact_pages = {p.url for p in channels.contact_pages}
    quota = config.max_per_channel
    if "email" in config.channels:
        emails = sorted(channels.emails, key=lambda e: _email_rank(e.address, any(p in contact_pages for p in e.pages)))
        chosen = [a.lower() for a in only or []]
        for email in emails:
            if chosen and email.address not in chosen:
                continue
            item = _gate("email", email.address, email.address.rpartition("@")[2], config)
            if item is None and quota_left(items, "email", quota):
                item = PlanItem("email", email.address, "send")
            items.append(item or PlanItem("email", email.address, "skip", f"one email probe per run (max {quota})"))
    if "form" in config.channels:
        for form in sorted(channels.forms, key=lambda f: (f.page not in contact_pages, f.page)):
            item = _gate("form", form.page, host_of(form.page), config)
            if item is None and form.captcha:
                item = PlanItem("form", form.page, "protected", f"protected by a CAPTCHA ({form.captcha}); not probed")
            if item is None and quota_left(items, "form", quota):
                item = PlanItem("form", form.page, "send")
            items.append(item or PlanItem("form", form.page, "skip", f"one form probe per run (max {quota})"))
    if "chat" in config.channels:
        for widget in channels.chat_widgets:
            page = next((p for p in widget.pages if p in contact_pages), widget.pages[0] if widget.pages else "")
            if not page:
                continue
            item = _gate("chat", page, host_of(page), config)
            if item is None and widget.retired:
                item = PlanItem("chat", page, "skip", f"{widget.vendor} chat is retired")
            if item is None and quota_left(items, "chat", quota):
                item = PlanItem("chat", page, "send")
            items.append(item or PlanItem("chat", page, "skip", f"one chat probe per run (max {quota})"))
    return _unique(items)


def quota_left(items: list[PlanItem], channel: str, quota: int) -> bool:
    return sum(1 for i in items if i.channel == channel and i.action == "send") < quota


def _unique(items: list[PlanItem]) -> list[PlanItem]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in items:
        if (item.channel, item.target) not in seen:
            seen.add((item.channel, item.target))
            unique.append(item)
    return unique
