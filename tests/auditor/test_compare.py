"""Comparing two runs: stable fingerprints, channels in words, scores past the noise."""

from __future__ import annotations

from auditor.history.compare import biggest_regression, compare, to_changes
from auditor.history.snapshot import check_findings, site_key, snapshot_of
from tests.builders import binary_check, footer_check, run


def test_site_key_ignores_scheme_www_and_index() -> None:
    assert site_key("https://www.Example.com/shop/index.html") == "example.com/shop"
    assert site_key("http://example.com/shop") == "example.com/shop"
    assert site_key("http://127.0.0.1:8080/bare/") == "127.0.0.1:8080/bare"


def test_a_fixed_problem_and_a_new_one_do_not_cancel_out() -> None:
    # Same score, same number of failing pages, but a different page: the finding moved.
    before = snapshot_of(run(checks=[footer_check("/about/")]), "a")
    after = snapshot_of(run(checks=[footer_check("/shop/")]), "b")
    result = compare(before, after)
    assert result.new == [] and result.fixed == [] and result.unchanged == []
    (moved,) = result.changed
    assert [p.key for p in moved.new_places] == ["/shop/|footer"]
    assert [p.key for p in moved.fixed_places] == ["/about/|footer"]
    assert result.spread == [moved]


def test_a_finding_counts_once_however_many_evidence_rows_it_has() -> None:
    before = snapshot_of(run(checks=[footer_check()]), "a")
    after = snapshot_of(run(checks=[footer_check("/a/", "/b/", "/c/")]), "b")
    result = compare(before, after)
    (new,) = result.new
    assert new.check_id == "contact-link-in-footer" and len(new.places) == 3
    assert new.where() == "/a/, /b/, /c/"
    assert result.summary() == ["1 new finding, 0 fixed"]
    back = compare(after, before)
    assert len(back.fixed) == 1 and back.new == []
    changes = to_changes(result, since_run_id=1)
    assert [(f.url.rsplit("/", 2)[-2], f.detail) for f in changes.new_findings] == [("a", "and 2 more places")]


def test_findings_match_across_hosts_so_a_preview_deploy_compares_with_production() -> None:
    production = run(checks=[footer_check("/about/")])
    preview = run(checks=[footer_check("/about/")], url="https://pr-42.preview.example/")
    preview.checks[0].evidence[0].url = "https://pr-42.preview.example/about/"
    result = compare(snapshot_of(production, "prod"), snapshot_of(preview, "pr"))
    assert result.new == [] and result.fixed == []


def test_passing_checks_have_no_findings() -> None:
    assert check_findings(footer_check()) == []
    assert [f.key for f in check_findings(footer_check("/a/", "/b/"))] == ["", "/a/|footer", "/b/|footer"]


def test_channels_in_words() -> None:
    before = run(emails=[("support@nimbus-bikes.example", "Support")], whatsapp=True)
    after = run(
        emails=[("support@nimbus-bikes.example", "Support"), ("help@nimbus-bikes.example", "Support")],
        whatsapp=False,
    )
    result = compare(snapshot_of(before, "a"), snapshot_of(after, "b"))
    assert [text for _, text in result.disappeared] == ["The WhatsApp link 442079460958 is gone"]
    assert [text for _, text in result.appeared] == ["A second support email appeared: help@nimbus-bikes.example"]
    first = compare(snapshot_of(run(emails=[]), "a"), snapshot_of(run(emails=[("info@x.example", None)]), "b"))
    assert [text for _, text in first.appeared] == ["An email address appeared: info@x.example"]


def test_score_changes_are_flagged_past_the_noise_or_on_a_band_change() -> None:
    def moved(before: int, after: int) -> list[str]:
        changes = compare(
            snapshot_of(run(score=before, categories={}), "a"), snapshot_of(run(score=after, categories={}), "b")
        )
        return [s.sentence() for s in changes.notable_scores]

    assert moved(80, 77) == []  # noise
    assert moved(80, 74) == ["The score fell from 80 to 74 (-6)"]
    assert moved(91, 89) == ["The score fell from 91 to 89 (-2) and is now average"]
    assert moved(60, 95) == ["The score rose from 60 to 95 (+35) and now passes"]


def test_regressions_and_the_biggest_one() -> None:
    before = snapshot_of(run(score=85, categories={"clarity": 90, "coverage": 100}), "a")
    after = snapshot_of(run(score=70, categories={"clarity": 40, "coverage": 100}), "b")
    result = compare(before, after)
    assert result.regressed
    assert biggest_regression(result) == "Clarity fell from 90 to 40 (-50) and is now fail"
    stable = compare(before, snapshot_of(run(score=85, categories={"clarity": 90, "coverage": 100}), "c"))
    assert not stable.regressed and biggest_regression(stable) == ""


def test_a_check_that_starts_failing_is_a_regressed_check() -> None:
    before = snapshot_of(run(checks=[binary_check("written-channel", True)]), "a")
    after = snapshot_of(run(checks=[binary_check("written-channel", False)]), "b")
    result = compare(before, after)
    assert [m.after.id for m in result.regressed_checks if m.after] == ["written-channel"]
    assert [f.check_id for f in result.new] == ["written-channel"]


def test_changes_for_the_report() -> None:
    before = snapshot_of(run(score=80, whatsapp=True, checks=[footer_check("/about/")]), "a")
    after = snapshot_of(run(score=70, whatsapp=False, checks=[footer_check()]), "b")
    changes = to_changes(compare(before, after), since_run_id=7)
    assert changes.since_run_id == 7
    assert [s.id for s in changes.scores] == ["overall"]
    assert len(changes.fixed_findings) == 1 and changes.new_findings == []  # the finding once, not once per row
    assert changes.summary[:2] == ["The score fell from 80 to 70 (-10)", "The WhatsApp link 442079460958 is gone"]


def test_a_comparison_says_when_a_side_is_partial_or_the_settings_differ() -> None:
    before = snapshot_of(run(crawl={"render": True, "max_pages": 50}), "run 1")
    after = snapshot_of(run(whatsapp=False, partial=True, crawl={"render": False, "max_pages": 50}), "run 2")
    warnings = compare(before, after).warnings
    assert warnings[0].startswith("run 2 is partial")
    assert warnings[1].startswith("the runs were audited with different settings (crawl.render: True and False)")
    assert len(warnings) == 2  # max_pages is the same on both sides
    assert compare(before, before).warnings == []
