from auditor.gather.extract.dom import parse
from auditor.gather.extract.forms import find_forms

CONTACT_FORM = """
<form action="/send" method="POST">
  <label for="n">Your name</label><input id="n" name="fullname" required>
  <input type="email" name="from">
  <input type="tel" name="t">
  <input name="betreff" placeholder="Betreff">
  <textarea name="body"></textarea>
  <input type="file" name="attachment">
  <label><input type="checkbox" name="ok"> I accept the privacy policy</label>
  <div style="position:absolute;left:-5000px" aria-hidden="true"><input name="website" tabindex="-1"></div>
  <input type="hidden" name="csrf" value="x">
  <div class="cf-turnstile" data-sitekey="k"></div>
  <button>Send</button>
</form>
"""


def test_contact_form_fields_are_classified() -> None:
    (form,) = find_forms(parse(CONTACT_FORM), "https://shop.de/kontakt/")
    kinds = {f.name: f.kind for f in form.fields}
    assert kinds == {
        "fullname": "name",
        "from": "email",
        "t": "phone",
        "betreff": "subject",
        "body": "message",
        "attachment": "file",
        "ok": "consent",
        "website": "honeypot",
    }
    assert form.action == "https://shop.de/send"
    assert form.method == "post"
    assert form.captcha == "turnstile"
    assert next(f for f in form.fields if f.name == "fullname").required


def test_search_and_login_forms_are_not_contact_forms() -> None:
    html = (
        '<form action="/search"><input name="q"></form>'
        '<form action="/login" method="post"><input name="user"><input type="password" name="pw"></form>'
    )
    assert find_forms(parse(html), "https://shop.de/") == []


def test_recaptcha_and_hcaptcha_are_recorded() -> None:
    for marker, name in (
        ('<div class="g-recaptcha"></div>', "recaptcha"),
        ('<div class="h-captcha"></div>', "hcaptcha"),
    ):
        (form,) = find_forms(parse(f"<form><textarea name=m></textarea>{marker}</form>"), "https://shop.de/")
        assert form.captcha == name
