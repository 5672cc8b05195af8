"""The response time a company promises, as an ISO 8601 duration: in an
acknowledgement it sends, or on its own contact pages.

"within 24 hours" -> PT24H, "1-2 business days" -> P2D (a range counts by its upper
bound: that is what the company committed to), "в течение 2 рабочих дней" -> P2D,
"24 घंटे में" -> PT24H. Business days are kept as days: ISO 8601 has no business
day, and the promise is compared with the calendar wait.

On a web page the same phrases count only in a sentence about answering ("we
reply", "wir antworten", "ответим", "जवाब"): "delivery within 2 days" or "open
24 hours" promise nothing about an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

from auditor.artifacts import Location
from auditor.gather.extract.dom import location_of, text_segments

_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "ten": 10, "twelve": 12, "twenty-four": 24, "forty-eight": 48,
    "ein": 1, "eine": 1, "einem": 1, "einer": 1, "eines": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "une": 1, "deux": 2, "trois": 3, "due": 2, "tre": 3,
    "один": 1, "одного": 1, "одной": 1, "одну": 1, "два": 2, "двух": 2, "три": 3, "трёх": 3, "трех": 3,
    "пяти": 5, "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5,
}  # fmt: skip
_NUMBER = r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + ")"
_UNITS: list[tuple[str, str]] = [
    (
        "business_days",
        r"(?:business|working|work)[ -]days?|werktag(?:e|en|es)?|arbeitstag(?:e|en|es)?|"
        r"d[ií]as? (?:h[aá]biles|laborables)|dias? [uú]teis|jours? ouvr(?:és|ables|és)|giorni lavorativi|"
        r"рабоч(?:их|ий|его|ие) (?:дн(?:я|ей|ь)|день)|कार्य ?दिवस(?:ों)?|कार्यदिवस(?:ों)?",
    ),
    ("minutes", r"minutes?|mins?|minuten?|minutos?|minuti|минут[ауы]?|मिनट(?:ों)?"),
    ("hours", r"hours?|hrs?|h|stunden?|std\.?|horas?|heures?|ore|ora|час(?:а|ов)?|घंटे|घंटों|घंटा"),
    ("days", r"days?|tagen?|tages|d[ií]as?|jours?|giorni|giorno|дн(?:я|ей|ь)|день|दिन(?:ों)?"),
    ("weeks", r"weeks?|wochen?|semanas?|semaines?|settimane?|недел[иьюя]|सप्ताह|हफ़्ते|हफ्ते"),
]
_UNIT = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _UNITS)
_PROMISE = re.compile(
    rf"(?P<low>{_NUMBER})(?:\s*(?:-|–|—|to|or|bis|oder|a|à|o|до|или|से|या)\s*(?P<high>{_NUMBER}))?\s*(?:{_UNIT})(?!\w)",
    re.I,
)
# What comes before a promised time ("within", "innerhalb von", "в течение") or after it (Hindi "में").
_BEFORE = re.compile(
    r"(?:within|in|inside|up to|next|innerhalb(?: von| der nächsten)?|binnen|in den nächsten|nächsten|"
    r"en un plazo(?: máximo)? de|dentro de(?: las| los)?|en(?: las| los)?|próximas|próximos|"
    r"в течение|за|через|sous|dans les|d'ici|entro|em até|em|no prazo de|prossime)\s*$",
    re.I,
)
_AFTER = re.compile(r"^\s*(?:में|के भीतर|के अंदर|के अन्दर)")
# Whole-word promises with no number: "within the hour", "в течение суток".
_FIXED = [
    (re.compile(r"within (?:the|an|one) hour|в течение часа|innerhalb einer stunde", re.I), "PT1H"),
    (re.compile(r"в течение суток|within a day|within the day|innerhalb eines tages", re.I), "P1D"),
    (re.compile(r"within (?:the|a|one) week|в течение недели|innerhalb einer woche", re.I), "P1W"),
]
_DESIGNATOR = {"minutes": "TM", "hours": "TH", "days": "D", "business_days": "D", "weeks": "W"}


def _value(text: str) -> float:
    word = text.lower()
    return float(_WORDS[word]) if word in _WORDS else float(word.replace(",", "."))


def _iso(amount: float, kind: str) -> str:
    shown = f"{amount:g}"
    designator = _DESIGNATOR[kind]
    return f"PT{shown}{designator[1]}" if designator.startswith("T") else f"P{shown}{designator}"


def promised_duration(text: str) -> str | None:
    """The first response time promised in `text`, as an ISO 8601 duration; None when none is."""
    text = " ".join(text.split())
    for match in _PROMISE.finditer(text):
        kind = next(k for k, _ in _UNITS if match.group(k))
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 20]
        if kind == "hours" and match.group("hours").lower() == "h" and not match.group("low")[0].isdigit():
            continue
        if not (kind == "business_days" or _BEFORE.search(before) or _AFTER.match(after)):
            continue
        amount = max(_value(match.group("low")), _value(match.group("high") or match.group("low")))
        if amount <= 0:
            continue
        return _iso(amount, kind)
    for pattern, duration in _FIXED:
        if pattern.search(text):
            return duration
    return None


# Words of answering, by stem, in the languages audited sites use: a sentence needs one
# to be a promise about a reply rather than about delivery or opening times.
_ANSWERING = re.compile(
    r"\banswer|\brepl(?:y|ies|ied)\b|\brespon(?:d|se|ses)\b|get back to|back to you|hear from (?:us|me)|"
    r"contact you|call you back|\bantwort|beantwort|rückmeld|melden uns|zurückruf|hören .{0,20}von uns|"
    r"\brespond|respuesta|contesta|nos pondremos en contacto|répon|recontact|\brispo|ricontatt|resposta|"
    r"retornar|entraremos em contato|ответ|отвеч|свяж|перезвон|відпов|зв.яж|जवाब|उत्तर|संपर्क करेंगे",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?।])\s+|[。！？]")
MAX_SENTENCE = 300


@dataclass
class StatedPromise:
    text: str
    duration: str
    location: Location


def find_response_promises(soup: BeautifulSoup) -> list[StatedPromise]:
    """Sentences of the page that promise an answer within a time, with that time."""
    found: dict[str, StatedPromise] = {}
    for anchor, segment in text_segments(soup):
        for sentence in _SENTENCE.split(" ".join(segment.split())):
            if len(sentence) > MAX_SENTENCE or not _ANSWERING.search(sentence):
                continue
            duration = promised_duration(sentence)
            if duration and sentence.casefold() not in found:
                found[sentence.casefold()] = StatedPromise(sentence, duration, location_of(anchor))
    return list(found.values())
