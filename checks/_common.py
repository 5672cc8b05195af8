"""Small helpers shared by checks: words in many languages, durations, timestamps, and the
messages several checks say."""

from __future__ import annotations

import re
from datetime import datetime

from auditor.artifacts import Page, Probe
from auditor.judge.api import CheckInput, Evidence, Messages, Outcome, Phrase, log_normal_score

COMMON = Messages(
    "common",
    {
        "none": "none",
        "not-stated": "not stated",
        "no-live-chat": "The site has no live chat.",
        "no-social-profile": "No social profile was found.",
        "no-email-or-phone": "No email address or phone number was found.",
        "no-launcher-measured": "No chat launcher was measured on screen.",
        "written-probes-unfinished": "Not measured: no email or form probe has finished.",
        "replies-awaited": "Not measured: replies are still awaited.",
        "probe-not-sent": "Not measured: no {channel} probe was sent.",
        "channel-email": "email",
        "channel-form": "form",
        "channel-chat": "chat",
        "no-human-answer": "no answer from a person",
        "answered-after": "answered after {duration}",
        "typical-reply": "Typical: {typical}; the fastest tenth answer within {fastest}.",
        # Durations as `human_duration` writes them; a pair is its two largest units.
        "days_one": "{n} d",
        "days_other": "{n} d",
        "hours_one": "{n} h",
        "hours_other": "{n} h",
        "minutes_one": "{n} min",
        "minutes_other": "{n} min",
        "seconds_one": "{n} s",
        "seconds_other": "{n} s",
        # Joiners: a list of words, and one phrase after another.
        "list": "{items}",
        "then-space": "{first} {rest}",
        "then-semicolon": "{first}; {rest}",
    },
)
_UNITS = (("days", 86400), ("hours", 3600), ("minutes", 60), ("seconds", 1))


def duration(seconds: float) -> Phrase:
    """`human_duration` as a message: `90` -> `1 min 30 s`, in the report's language."""
    seconds = round(seconds)
    if seconds < 60:
        return COMMON("seconds", n=seconds)
    parts = []
    for unit, size in _UNITS:
        if seconds >= size:
            parts.append(COMMON(unit, n=seconds // size))
            seconds %= size
    return parts[0] if len(parts) == 1 else COMMON("then-space", first=parts[0], rest=parts[1])


def joined(phrases: list[Phrase], separator: str = "space") -> Phrase:
    """One or more phrases one after another, with a space or a "semicolon" between them."""
    *before, last = phrases
    for phrase in reversed(before):
        last = COMMON(f"then-{separator}", first=phrase, rest=last)
    return last


# Words for returns, refunds and complaints policies, in the languages audited sites use.
POLICY_WORDS = re.compile(
    r"return|refund|exchange|complain|widerruf|rückgabe|rücksendung|umtausch|reklamation|beschwerde|"
    r"devoluci|reembolso|reclamaci|devoluç|troca|reso|rimborso|reclamo|retour|rembourse|réclamation|"
    r"возврат|обмен|претензи|жалоб|वापसी|रिफंड|शिकायत|వాపసు|ఫిర్యాదు|返品|返金|退货|退款|投诉|환불|반품",
    re.I,
)
# Words that mark a feedback or complaints channel.
COMPLAINT_WORDS = re.compile(
    r"complain|feedback|grievance|escalat|ombuds|beschwerde|reklamation|reclamaci|queja|reclamo|"
    r"réclamation|жалоб|претензи|отзыв|शिकायत|प्रतिक्रिया|ఫిర్యాదు|苦情|投诉|意见|불만",
    re.I,
)
# Free mail providers: fine for a person, a warning sign on a company's site.
FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.co.in",
        "ymail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "outlook.com",
        "live.com",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mail.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "t-online.de",
        "mail.ru",
        "inbox.ru",
        "list.ru",
        "bk.ru",
        "yandex.ru",
        "ya.ru",
        "rambler.ru",
        "ukr.net",
        "rediffmail.com",
        "proton.me",
        "protonmail.com",
        "zoho.com",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "libero.it",
        "orange.fr",
        "wanadoo.fr",
        "laposte.net",
        "free.fr",
        "seznam.cz",
        "wp.pl",
        "o2.pl",
        "interia.pl",
        "terra.com.br",
        "uol.com.br",
        "bol.com.br",
    }
)

_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+(?:\.\d+)?)W)?(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
_SECONDS = {"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}


def duration_seconds(text: str) -> float | None:
    """Seconds in an ISO 8601 duration such as PT24H or P2D; None if it is not one."""
    match = _DURATION.match(text.strip().upper())
    if not match or text.strip().upper() in ("P", "PT"):
        return None
    return sum(float(v) * _SECONDS[k] for k, v in match.groupdict().items() if v)


def seconds_between(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def finished(probes: list[Probe], channel: str) -> list[Probe]:
    """Probes of one channel whose waiting is over: answered, or the window closed."""
    return [p for p in probes if p.channel == channel and p.status in ("replied", "no_reply")]


def first_response_outcome(probes: list[Probe], channel: str, p10: float, median: float) -> Outcome:
    """How fast a person answered probes on one channel, on a log-normal curve."""
    done = finished(probes, channel)
    if not done:
        pending = any(p.channel == channel and p.status == "sent" for p in probes)
        if pending:
            return Outcome.not_applicable(COMMON("replies-awaited"))
        return Outcome.not_applicable(COMMON("probe-not-sent", channel=COMMON(f"channel-{channel}")))
    scores: list[float] = []
    evidence: list[Evidence] = []
    answers: list[Phrase] = []
    for probe in done:
        waited = seconds_between(probe.sent_at, probe.first_human_reply_at)
        if waited is None:
            scores.append(0.0)
            answers.append(COMMON("no-human-answer"))
        else:
            scores.append(log_normal_score(waited, p10, median))
            answers.append(COMMON("answered-after", duration=duration(waited)))
        evidence.append(Evidence(snippet=f"{probe.target}: {answers[-1]}"))
    return Outcome(
        sum(scores) / len(scores),
        display_value=joined(answers[:3], "semicolon"),
        explanation=COMMON("typical-reply", typical=duration(median), fastest=duration(p10)),
        evidence=evidence,
    )


def pages_without_contact_link(site: CheckInput, regions: tuple[str, ...]) -> tuple[list[Page], list[Page]]:
    """The pages that loaded, and those among them with no contact link in any of `regions`."""
    pages = site.html_pages
    contact_urls = {c.url for c in site.contact_pages}
    missing = [
        p
        for p in pages
        if not any(link.location in regions and (link.contact_like or link.url in contact_urls) for link in p.links)
    ]
    return pages, missing
