"""Phone and WhatsApp links work as they are written.

Why it matters: a customer who taps "Call" or "WhatsApp" expects the call or the chat to
open. A mailto: link to a phone number opens an empty email; a WhatsApp number without its
country code opens a chat with a stranger in another country, or none; many phones do not
dial the letters of a tel: link; a template's placeholder reaches nobody. The customer
gives up, or talks to someone else.

How to fix: write every phone link as tel: with the number in international form, in
digits, and every WhatsApp link as https://wa.me/ followed by the country code and the
number, without + or a leading 0; replace a template's placeholder with the real number.
"""

from auditor.artifacts import ContactLinkProblem
from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome

META = CheckMeta(
    id="malformed-contact-links",
    category="clarity",
    title="Phone and WhatsApp links work as written",
    failure_title="Some phone or WhatsApp links do not work as written",
    requires=("link_problems", "phones", "messengers"),
    weight=2,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "nothing-to-check": "No phone number or messenger link was found.",
        "all-work": "all work as written",
        "to-fix_one": "{n} link(s) to fix",
        "to-fix_other": "{n} link(s) to fix",
        "serious": "Customers who tap these links cannot call or write, or reach someone else.",
        "minor": "Some phones cannot dial these links, or they are a template's leftover.",
    },
)

# Links that reach nobody or a stranger whoever taps them; the others fail on some phones
# (letters) or are a template's leftover beside the company's real contacts.
_SERIOUS = (
    "whatsapp-no-country-code",
    "whatsapp-number-mismatch",
    "whatsapp-no-number",
    "mailto-phone",
    "web-phone",
    "tel-letter-for-digit",
)
_WHAT = {
    "mailto-phone": "a mailto: link opens an email, not a call, and a phone number is no address",
    "web-phone": "a web link to a phone number opens a page that does not exist",
    "tel-letters": "many phones do not dial the letters of a tel: link",
    "tel-letter-for-digit": "a letter stands among the digits (O for 0?): phones dial another number, or none",
    "tel-placeholder": "the link dials a template's placeholder, not the company",
    "whatsapp-no-country-code": "the number has no country code: WhatsApp opens a chat with a number "
    "in another country, or none",
    "whatsapp-no-number": "the link names no number, so WhatsApp opens no chat",
    "whatsapp-number-mismatch": "the link opens a chat with another number than the one it shows",
    "whatsapp-placeholder": "the link holds a template's placeholder, not the company's number",
}
_INTERNATIONAL = "the number in international form"


def _fix(problem: ContactLinkProblem) -> str:
    e164, code = problem.e164, problem.problem
    digits = e164[1:] if e164 else ""
    if code in ("mailto-phone", "web-phone"):
        return f"use tel:{e164} instead" if e164 else f"use a tel: link with {_INTERNATIONAL} instead"
    if code == "tel-letters":
        return f"write the digits, tel:{e164} (the word can stay in the link's text)" if e164 else "write the digits"
    if code == "tel-letter-for-digit":
        return "write the number in digits only"
    if code in ("whatsapp-no-country-code", "whatsapp-no-number"):
        if digits:
            return f"write the number as wa.me/{digits}"
        return "write the number as wa.me/ followed by the country code and the number, without + or a leading 0"
    if code == "whatsapp-number-mismatch":
        shown = f"the number it shows ({problem.number})"
        return f"make the link and its text one number: wa.me/{digits} if {shown} is right" if digits else shown
    if code == "whatsapp-placeholder":
        return "put the company's WhatsApp number in the link, or remove the link"
    return "put the company's number in the link, or remove the link"


def _evidence(problem: ContactLinkProblem) -> Evidence:
    others = f" (and {len(problem.pages) - 1} other page(s))" if len(problem.pages) > 1 else ""
    what = _WHAT.get(problem.problem, problem.problem)
    return Evidence(
        url=problem.pages[0] if problem.pages else "",
        selector=problem.locations[0] if problem.locations else "",
        snippet=f"{problem.href}: {what}; {_fix(problem)}{others}",
    )


def run(site: CheckInput) -> Outcome:
    problems = site.link_problems
    if not problems:
        if not site.phones and not site.messengers:
            return Outcome.not_applicable(MESSAGES("nothing-to-check"))
        return Outcome(1.0, display_value=MESSAGES("all-work"))
    ordered = sorted(problems, key=lambda p: (p.problem not in _SERIOUS, p.problem, p.href))
    serious = [p for p in ordered if p.problem in _SERIOUS]
    return Outcome(
        0.0 if serious else 0.5,
        display_value=MESSAGES("to-fix", n=len(problems)),
        explanation=MESSAGES("serious" if serious else "minor"),
        evidence=[_evidence(p) for p in ordered],
    )
