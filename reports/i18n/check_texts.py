"""The checks' own words in the reader's language.

A check writes English into the results: its title (or failure title), a description
(summary and "why it matters") and a recommendation ("how to fix"). `checks/en.json`
holds those texts as the shipped checks write them (`python -m auditor.judge.texts`),
`checks/<lang>.json` their translations. A text is swapped only when it is exactly the
English one, so a third-party check, results from an older version or a check's dynamic
words (explanation, display value, evidence) are shown as written.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from auditor.results import AuditResults, CheckResult
from reports.i18n import DEFAULT_LANGUAGE

FIELDS = ("title", "failure_title", "summary", "why", "fix")


@cache
def check_texts(lang: str) -> dict[str, dict[str, str]]:
    """Per check id, its texts in `lang`; empty when the checks are not translated into it."""
    path = files(__package__).joinpath("checks", f"{lang}.json")
    if not path.is_file():
        return {}
    texts: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return texts


def description(texts: dict[str, str]) -> str:
    """The description `auditor.judge.audit.run_check` builds: summary, then why it matters."""
    return " ".join(filter(None, [texts["summary"], texts["why"]]))


def translate_check(check: CheckResult, lang: str) -> CheckResult:
    english, local = check_texts(DEFAULT_LANGUAGE).get(check.id), check_texts(lang).get(check.id)
    if lang == DEFAULT_LANGUAGE or english is None or local is None:
        return check
    update: dict[str, str] = {}
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
