import types
from pathlib import Path

import pytest

from auditor.config.settings import CheckConfig, load_config
from auditor.errors import ConfigError
from auditor.judge.api import CheckInput, CheckMeta, Outcome, UndeclaredArtifactError
from auditor.judge.audit import audit, check_config
from auditor.judge.registry import Check, RegistryError, _from_module, discover
from auditor.judge.scoring import overall_score, score_categories
from auditor.results import CheckResult, band
from tests.builders import site


def make_check(check_id: str, category: str, run, requires=("emails",), weight=1.0, mode="binary"):  # type: ignore[no-untyped-def]
    meta = CheckMeta(
        id=check_id,
        category=category,
        title=f"{check_id} ok",
        failure_title=f"{check_id} bad",
        requires=requires,
        weight=weight,
        mode=mode,
    )
    return Check(meta=meta, run=run, doc=f"{check_id}.\n\nWhy it matters: because.\n\nHow to fix: fix it.\n")


def test_discovery_finds_the_catalogue_with_unique_ids_and_docs() -> None:
    checks = discover()
    ids = [c.meta.id for c in checks]
    assert {
        "contact-page-exists",
        "contact-link-in-footer",
        "written-channel",
        "channel-types",
        "unlabelled-emails",
    } <= set(ids)
    assert len(ids) == len(set(ids))
    for check in checks:
        assert check.section("Why it matters"), check.meta.id
        assert check.section("How to fix"), check.meta.id


def test_a_malformed_check_module_is_refused() -> None:
    module = types.ModuleType("bad", "Doc.")
    module.META = CheckMeta(
        id="x",
        category="findability",
        title="t",
        failure_title="f",  # type: ignore[attr-defined]
        requires=("telepathy",),
    )
    module.run = lambda site: Outcome(1.0)  # type: ignore[attr-defined]
    with pytest.raises(RegistryError, match="unknown artifacts: telepathy"):
        _from_module(module)


def test_a_check_sees_only_what_it_requires() -> None:
    view = CheckInput(site(), ("emails",))
    assert view.emails == []
    with pytest.raises(UndeclaredArtifactError):
        _ = view.phones


def test_a_crashing_check_becomes_an_error_and_makes_its_category_provisional() -> None:
    def boom(site: CheckInput) -> Outcome:
        raise ValueError("bad data")

    checks = [make_check("ok", "findability", lambda s: Outcome(1.0)), make_check("boom", "findability", boom)]
    results = audit(site(), load_config(None), checks)
    by_id = {c.id: c for c in results.checks}
    assert by_id["boom"].mode == "error"
    assert by_id["boom"].score is None
    assert "ValueError: bad data" in by_id["boom"].explanation
    (category,) = results.categories
    assert category.provisional
    assert category.score == 100
    assert results.score == 100


def test_titles_recommendations_and_config_weights() -> None:
    checks = [make_check("a", "coverage", lambda s: Outcome(0.2))]
    config = load_config(None)
    config.checks["a"] = CheckConfig(weight=4)
    (result,) = audit(site(), config, checks).checks
    assert (result.title, result.weight, result.recommendation) == ("a bad", 4, "Fix it.")
    assert result.description == "a. Because."


def result(check_id: str, category: str, score: float | None, weight: float = 1, mode: str = "binary") -> CheckResult:
    return CheckResult(
        id=check_id,
        title=check_id,
        category=category,
        score=score,
        mode=mode,  # type: ignore[arg-type]
        weight=weight,
    )


def test_weighted_means_ignore_not_applicable_and_informative() -> None:
    checks = [
        result("a", "findability", 1.0, weight=3),
        result("b", "findability", 0.0, weight=1),
        result("c", "findability", None, mode="not_applicable", weight=5),
        result("d", "findability", 0.0, mode="informative", weight=5),
        result("e", "coverage", 0.5, weight=2),
        result("f", "clarity", None, mode="not_applicable"),
    ]
    categories = score_categories(checks, {"findability": 1, "coverage": 1, "clarity": 1})
    assert {c.id: c.score for c in categories} == {"findability": 75, "coverage": 50, "clarity": None}
    assert overall_score(categories) == 62
    weighted = score_categories(checks, {"findability": 3, "coverage": 1})
    assert overall_score(weighted) == 69


def test_bands() -> None:
    assert [band(s) for s in (None, 0, 49, 50, 89, 90, 100)] == [
        "none",
        "fail",
        "fail",
        "average",
        "average",
        "pass",
        "pass",
    ]


def test_readme_documents_every_check() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [c.meta.id for c in discover() if f"`{c.meta.id}`" not in readme]
    assert missing == []


def test_config_naming_an_unknown_check_or_option_is_refused() -> None:
    config = load_config(None)
    config.checks["no-such-check"] = CheckConfig()
    with pytest.raises(ConfigError, match=r"\[checks.no-such-check\] names no known check"):
        check_config(config, discover())
    config = load_config(None)
    config.checks["first-response-email"] = CheckConfig(options={"p11": 5})
    with pytest.raises(ConfigError, match=r"options\.p11 is not an option of that check"):
        check_config(config, discover())
    config.checks["first-response-email"] = CheckConfig(options={"p10": 5})
    check_config(config, discover())


def test_check_options_from_config_reach_the_check() -> None:
    config = load_config(None)
    config.checks["channel-types"] = CheckConfig(options={"curve": [0, 1]})
    checks = [c for c in discover() if c.meta.id == "channel-types"]
    (result,) = audit(site(emails=[{"address": "a@shop.co.uk"}]), config, checks).checks
    assert result.score == 1.0
