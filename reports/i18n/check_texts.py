"""The checks' own words in the reader's language.

A check writes English into the results: its title (or failure title), a description
(summary and "why it matters") and a recommendation ("how to fix"). `checks/en.json`
holds those texts as the shipped checks write them (`python -m auditor.judge.texts`),
`checks/<lang>.json` their translations. A text is swapped only when it is exactly the
English one, so a third-party check or results from an older version are shown as written.

What a check found (its display value and explanation) is translated from the messages
the result keeps beside the English (`auditor.messages`): `checks/messages.en.json` holds
the shipped checks' sentences, `checks/messages.<lang>.json` their translations, plural
forms included. A result without messages (an older results.json), or with a message the
language lacks, keeps its English; evidence is shown as written.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from auditor.results import AuditResults, CheckResult, Message
from reports.i18n import DEFAULT_LANGUAGE, PLURAL_ONE

FIELDS = ("title", "failure_title", "summary", "why", "fix")


@cache
def check_texts(lang: str) -> dict[str, dict[str, str]]:
    """Per check id, its texts in `lang`; empty when the checks are not translated into it."""
    path = files(__package__).joinpath("checks", f"{lang}.json")
    if not path.is_file():
        return {}
    texts: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return texts


@cache
def check_messages(lang: str) -> dict[str, str]:
    """The checks' messages in `lang`, by full key; empty when they are not translated into it."""
    path = files(__package__).joinpath("checks", f"messages.{lang}.json")
    if not path.is_file():
        return {}
    texts: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return texts


def say(message: Message, lang: str) -> str | None:
    """The message in `lang`, or None when the catalogue lacks it (the English then stays)."""
    try:
        return message.say(check_messages(lang), PLURAL_ONE.get(lang, PLURAL_ONE[DEFAULT_LANGUAGE]))
    except KeyError:
        return None


def description(texts: dict[str, str]) -> str:
    """The description `auditor.judge.audit.run_check` builds: summary, then why it matters."""
    return " ".join(filter(None, [texts["summary"], texts["why"]]))


def translate_check(check: CheckResult, lang: str) -> CheckResult:
    if lang == DEFAULT_LANGUAGE:
        return check
    update: dict[str, str] = {
        name: text for name, message in check.messages.items() if (text := say(message, lang)) is not None
    }
    english, local = check_texts(DEFAULT_LANGUAGE).get(check.id), check_texts(lang).get(check.id)
    if english is None or local is None:
        return check.model_copy(update=update) if update else check
    # The result keeps only the title shown; which of the two it is tells which to translate.
    for key in ("title", "failure_title"):
        if check.title == english[key]:
            update["title"] = local[key]
            break
    if check.description and check.description == description(english):
        update["description"] = description(local)
    if check.recommendation and check.recommendation == english["fix"]:
        update["recommendation"] = local["fix"]
    return check.model_copy(update=update) if update else check


def translate_checks(results: AuditResults, lang: str) -> AuditResults:
    """The results with every shipped check's texts in `lang` (English results unchanged)."""
    if lang == DEFAULT_LANGUAGE:
        return results
    return results.model_copy(update={"checks": [translate_check(c, lang) for c in results.checks]})
