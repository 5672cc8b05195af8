"""Contact forms: forms a customer can write a message in, with their fields classified."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from auditor.artifacts import FieldKind, Form, FormField
from auditor.gather.extract.dom import clean_text, in_hidden_container, location_of

_KIND_WORDS: list[tuple[FieldKind, re.Pattern[str]]] = [
    ("consent", re.compile(r"consent|agree|accept|privacy|gdpr|dsgvo|datenschutz|terms|согласи|सहमत", re.I)),
    ("email", re.compile(r"e-?mail|correo|почт|ईमेल|ఇమెయిల్|メール|邮箱", re.I)),
    ("phone", re.compile(r"phone|tel|mobile|telefon|teléfono|телефон|फ़ोन|फोन|ఫోన్|電話|电话", re.I)),
    ("subject", re.compile(r"subject|topic|betreff|asunto|assunto|oggetto|objet|тема|विषय|విషయం|件名|主题", re.I)),
    (
        "message",
        re.compile(
            r"message|comment|enquiry|inquiry|question|body|nachricht|mensaje|mensagem|messaggio|"
            r"сообщени|вопрос|संदेश|సందేశం|お問い合わせ内容|留言",
            re.I,
        ),
    ),
    ("name", re.compile(r"name|nombre|nome|nom\b|имя|фио|नाम|పేరు|名前|姓名", re.I)),
]
_HONEYPOT_NAMES = re.compile(
    r"^(?:website|url|homepage|hp|honeypot|fax_number|confirm_email_address|b_[0-9a-f_]+)$", re.I
)
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|left\s*:\s*-\d{3,}px|opacity\s*:\s*0(?:[;\s]|$)", re.I
)
_HIDDEN_CLASS = re.compile(r"(?:^|[\s_-])(?:hidden|visually-hidden|sr-only|hp|honeypot|ohnohoney)(?:$|[\s_-])", re.I)
CAPTCHAS = (
    ("recaptcha", re.compile(r"g-recaptcha|grecaptcha|google\.com/recaptcha|recaptcha/api", re.I)),
    ("hcaptcha", re.compile(r"h-captcha|hcaptcha\.com", re.I)),
    ("turnstile", re.compile(r"cf-turnstile|challenges\.cloudflare\.com/turnstile", re.I)),
    ("friendly-captcha", re.compile(r"frc-captcha|friendlycaptcha", re.I)),
)

_CAPTCHA_SCRIPTS = (
    ("recaptcha", re.compile(r"google\.com/recaptcha/(?:api|enterprise)\.js|recaptcha\.net/recaptcha", re.I)),
    ("hcaptcha", re.compile(r"(?:js\.)?hcaptcha\.com/1/api\.js", re.I)),
    ("turnstile", re.compile(r"challenges\.cloudflare\.com/turnstile", re.I)),
    ("friendly-captcha", re.compile(r"friendly-challenge|@friendlycaptcha|friendlycaptcha\.com", re.I)),
)


def _label_for(form: Tag, field: Tag) -> str:
    field_id = field.get("id")
    if field_id:
        label = form.find("label", attrs={"for": field_id})
        if isinstance(label, Tag):
            return clean_text(label.get_text(" "))
    wrapping = field.find_parent("label")
    if isinstance(wrapping, Tag):
        return clean_text(wrapping.get_text(" "))
    return clean_text(str(field.get("aria-label") or ""))


def _looks_hidden(field: Tag, form: Tag) -> bool:
    node: Tag | None = field
    while isinstance(node, Tag) and node is not form:
        if _HIDDEN_STYLE.search(str(node.get("style") or "")) or node.has_attr("hidden"):
            return True
        if _HIDDEN_CLASS.search(" ".join(str(c) for c in node.get_attribute_list("class") if c)):
            return True
        if node.get("aria-hidden") == "true":
            return True
        node = node.parent
    return False


def classify_field(form: Tag, field: Tag) -> FormField | None:
    kind_attr = str(field.get("type") or "text").lower()
    if field.name == "input" and kind_attr in ("hidden", "submit", "button", "reset", "image"):
        return None
    name = str(field.get("name") or field.get("id") or "")
    label = _label_for(form, field)
    words = " ".join([name, label, str(field.get("placeholder") or ""), str(field.get("autocomplete") or "")])
    kind: FieldKind = "other"
    if (_HONEYPOT_NAMES.match(name) and (_looks_hidden(field, form) or field.get("tabindex") == "-1")) or (
        _looks_hidden(field, form) and field.get("tabindex") == "-1"
    ):
        kind = "honeypot"
    elif kind_attr == "file":
        kind = "file"
    elif kind_attr == "email":
        kind = "email"
    elif kind_attr == "tel":
        kind = "phone"
    elif field.name == "textarea":
        kind = "message"
    else:
        for candidate, pattern in _KIND_WORDS:
            if candidate == "consent" and kind_attr != "checkbox":
                continue
            if pattern.search(words):
                kind = candidate
                break
    return FormField(name=name, kind=kind, label=label[:80], required=field.has_attr("required"))


def find_forms(soup: BeautifulSoup, page_url: str) -> list[Form]:
    """Forms with a field to write a message in; search and login boxes are left out."""
    forms: list[Form] = []
    page_text = str(soup)
    for form in soup.find_all("form"):
        if in_hidden_container(form):
            continue
        fields = [f for f in (classify_field(form, el) for el in form.find_all(["input", "textarea", "select"])) if f]
        if not any(f.kind == "message" for f in fields):
            continue
        markup = str(form)
        captcha = next((name for name, pattern in CAPTCHAS if pattern.search(markup)), None)
        if captcha is None and form.find(class_=re.compile("captcha", re.I)):
            captcha = next((name for name, pattern in CAPTCHAS if pattern.search(page_text)), "unknown")
        if captcha is None:
            # Invisible challenges (reCAPTCHA v3, Turnstile managed mode) leave no mark in the
            # form, only their script on the page, which guards the page's forms.
            captcha = next((name for name, pattern in _CAPTCHA_SCRIPTS if pattern.search(page_text)), None)
        forms.append(
            Form(
                page=page_url,
                action=urljoin(page_url, str(form.get("action") or "")),
                method=str(form.get("method") or "get").lower(),
                fields=fields,
                captcha=captcha,
                location=location_of(form),
            )
        )
    return forms
