import pytest

from auditor.judge.api import human_duration, log_normal_score
from checks import (
    acknowledgement,
    bot_handover,
    first_response_chat,
    first_response_email,
    human_answers,
    promise_kept,
    response_time_stated,
)
from checks._common import duration_seconds
from tests.builders import judge, probe, site


def test_log_normal_curve_control_points() -> None:
    assert log_normal_score(3600, 3600, 43200) == pytest.approx(0.9)
    assert log_normal_score(43200, 3600, 43200) == pytest.approx(0.5)
    assert log_normal_score(60, 3600, 43200) > 0.99
    assert 0 < log_normal_score(8 * 86400, 3600, 43200) < log_normal_score(86400, 3600, 43200) < 0.5
    with pytest.raises(ValueError, match="p10 < median"):
        log_normal_score(1, 10, 5)


def test_first_response_email_on_the_curve() -> None:
    fast = probe(first_human_reply_at="2026-11-02T10:00:00+00:00")
    assert judge(first_response_email, site(probes=[fast])).score == pytest.approx(0.9)
    slow = probe(first_human_reply_at="2026-11-02T21:00:00+00:00")
    outcome = judge(first_response_email, site(probes=[slow]))
    assert outcome.score == pytest.approx(0.5)
    assert outcome.display_value == "answered after 12 h"
    never = probe(status="no_reply")
    assert judge(first_response_email, site(probes=[fast, never])).score == pytest.approx(0.45)


def test_first_response_is_not_applicable_without_finished_probes() -> None:
    assert judge(first_response_email, site()).score is None
    waiting = judge(first_response_email, site(probes=[probe(status="sent")]))
    assert waiting.score is None
    assert "still awaited" in waiting.explanation
    assert judge(first_response_chat, site(probes=[probe()])).score is None


def test_chat_curve_is_in_seconds_and_can_be_tuned() -> None:
    chat = probe(channel="chat", first_human_reply_at="2026-11-02T09:01:00+00:00")
    assert judge(first_response_chat, site(probes=[chat])).score == pytest.approx(0.9)
    assert judge(first_response_chat, site(probes=[chat]), p10=30, median=60).score == pytest.approx(0.5)


def test_acknowledgement() -> None:
    quick = probe(first_reply_at="2026-11-02T09:00:20+00:00", auto_reply=True)
    late = probe(first_reply_at="2026-11-02T11:00:00+00:00")
    assert judge(acknowledgement, site(probes=[quick])).score == 1.0
    outcome = judge(acknowledgement, site(probes=[quick, late]))
    assert outcome.score == 0.5
    assert "first reply after 2 h" in outcome.evidence[0].snippet


def test_response_time_stated_and_promise_kept() -> None:
    kept = probe(promised_response_time="PT24H", first_human_reply_at="2026-11-02T15:00:00+00:00")
    broken = probe(promised_response_time="P1D", first_human_reply_at="2026-11-05T09:00:00+00:00")
    assert judge(response_time_stated, site(probes=[kept])).score == 1.0
    assert judge(response_time_stated, site(probes=[probe()])).score == 0.0
    assert judge(promise_kept, site(probes=[kept])).score == 1.0
    outcome = judge(promise_kept, site(probes=[kept, broken]))
    assert outcome.score == 0.5
    assert outcome.evidence[0].snippet.endswith("promised 1 d, took 3 d")
    assert judge(promise_kept, site(probes=[probe()])).score is None


def test_human_answers_and_bot_handover() -> None:
    answered = probe(first_human_reply_at="2026-11-02T10:00:00+00:00")
    assert judge(human_answers, site(probes=[answered, probe(status="no_reply")])).score == 0.5
    handed = probe(channel="chat", human_handover=True)
    trapped = probe(channel="chat", human_handover=False)
    assert judge(bot_handover, site(probes=[handed])).score == 1.0
    assert judge(bot_handover, site(probes=[handed, trapped])).score == 0.0
    assert judge(bot_handover, site()).score is None


def test_durations() -> None:
    assert duration_seconds("PT24H") == 86400
    assert duration_seconds("P1DT12H") == 129600
    assert duration_seconds("P2W") == 2 * 604800
    assert duration_seconds("24 hours") is None
    assert duration_seconds("PT") is None
    assert human_duration(90) == "1 min 30 s"
    assert human_duration(100000) == "1 d 3 h"
