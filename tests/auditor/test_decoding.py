import pytest

from auditor.gather.extract.decoding import MAX_HTML_BYTES, decode_html

RU = "<p>Телефон: +7 495 123-45-67. Пишите нам: почта info@veloslad.ru, мы ответим быстро.</p>"
JA = "<p>お問い合わせ 電話: 03-1234-5678 メール info@sakura.co.jp までご連絡ください。</p>"


def test_declared_encodings_are_honoured() -> None:
    assert decode_html(RU.encode("cp1251"), "text/html; charset=windows-1251").text == RU
    meta = f'<meta charset="shift_jis">{JA}'
    assert decode_html(meta.encode("shift_jis")).text == meta
    assert decode_html(b"\xef\xbb\xbf" + RU.encode()).text == RU


@pytest.mark.parametrize(("text", "codec"), [(RU, "cp1251"), (JA, "shift_jis")])
def test_undeclared_legacy_encodings_are_guessed_and_said(text: str, codec: str) -> None:
    decoded = decode_html(text.encode(codec))
    assert decoded.text == text
    assert decoded.warnings and "declares no usable encoding" in decoded.warnings[0]


def test_a_wrong_declaration_is_reported_and_the_bytes_win() -> None:
    decoded = decode_html(RU.encode("cp1251"), "text/html; charset=utf-8")
    assert decoded.text == RU
    assert "does not match" in decoded.warnings[0]


def test_a_stray_legacy_byte_in_utf8_loses_one_character_only() -> None:
    decoded = decode_html("<p>Grüße aus München</p>".encode() + b"<p>legend\xe4r</p>")
    assert decoded.text is not None and "Grüße aus München" in decoded.text
    assert any("mixes encodings" in w for w in decoded.warnings)


@pytest.mark.parametrize(
    "body", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, b"%PDF-1.7\n", b"PK\x03\x04" + b"\x00" * 40, bytes(range(32)) * 40]
)
def test_binary_bodies_are_not_html(body: bytes) -> None:
    decoded = decode_html(body)
    assert decoded.text is None
    assert "served as HTML but is" in decoded.warnings[0]


def test_huge_bodies_are_cut() -> None:
    decoded = decode_html(b"<p>x</p>" * (MAX_HTML_BYTES // 4))
    assert decoded.text is not None and len(decoded.text) == MAX_HTML_BYTES
    assert "only the first" in decoded.warnings[0]
