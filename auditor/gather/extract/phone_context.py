"""What makes a run of digits a phone number: the words around it, and what it is not.

libphonenumber at leniency VALID still accepts some dates, order numbers and tax ids,
so text numbers are read only after everything that is plainly not a phone is masked,
and only where a label, a tel: link or a contact block vouches for them.
"""

from __future__ import annotations

import itertools
import re

import phonenumbers

# Words that introduce a phone number, in the languages audited sites use.
PHONE_LABEL = re.compile(
    r"(?:\b(?:tel|tél|phone|telephone|call(?: us)?|mobile|mob|cell|hotline|helpline|toll[- ]free|"
    r"telefon|telefone|teléfono|telefono|telefoon|móvil|movil|celular|cellulare|llámanos|llámenos|"
    r"llamar|ligue|anrufen|rufen sie|ruf an|rufnummer|fon|handy|mobil|appelez|portable|bel ons|zadzwoń|"
    r"тел|телефон\w*|моб|звоните|позвоните|горячая линия|телефонуйте|"
    # A messenger number is a mobile number the customer reads and can also dial.
    r"whats ?app|viber|zalo)\b|"
    r"फ़ोन|फोन|दूरभाष|मोबाइल|हेल्पलाइन|कॉल करें|ఫోన్|ఫోను|మొబైల్|హెల్ప్‌లైన్|కాల్ చేయండి|"
    r"電話|お電話|携帯|フリーダイヤル|ＴＥＬ|电话|手机|热线|전화|هاتف|☎|📞|📱|✆|☏)",
    re.I,
)
# Words that say the digits after them are something else: fax lines, tax and company
# registration ids, orders, bank details.
NOT_PHONE_LABEL = re.compile(
    r"(?:\b(?:fax|telefax|факс|inn|инн|ogrn|огрн|огрнип|kpp|кпп|okpo|окпо|бик|bic|swift|iban|р/с|к/с|"
    r"vat|ust-?idnr|ust\.?-?id|uid|steuer-?nr|steuernummer|st\.-?nr|hrb|hra|registernummer|"
    r"ičo|ico|dič|cif|nif|nie|siret|siren|kvk|abn|acn|ein|tin|gstin|gst|pan|cin|company (?:no|number|reg)|"
    r"reg(?:istration)?\.? ?(?:no|number|nr)|order|bestellung|bestellnr|pedido|заказ|invoice|rechnung|"
    r"factura|счёт|счет|ticket|ref|tracking|sku|art\.-?nr|isbn|issn|gost|гост|version|build|"
    r"postcode|zip|plz|pin ?code|pincode|индекс)\b|"
    r"ファックス|ＦＡＸ|法人番号|登録番号|注文番号|郵便番号|〒|पिन कोड|ऑर्डर|जीएसटी|ఆర్డర్|పిన్ కోడ్)"
    r"[\s.:#№-]*(?:[A-Z]{2}\s?)?$",
    re.I,
)
# A space groups thousands ("1 299 €") only when the group ends the amount: "$20 415-666-7777"
# is a price and a phone number, not a price of 20 415.
_AMOUNT = r"\d+(?:[,.]\d{3}|[ \u00a0]\d{3}(?![\d\-–/().]|\.\d{3}))*(?:[.,]\d{1,2}(?!\d))?"
# Number shapes that are never phones; masked before the phone matcher runs.
_NOT_PHONE_SHAPES = [
    # Dates (05.10.1986, 10/05/86, 2023-11-05), never inside a longer dotted number
    # such as the French 06.12.34.56.78.
    re.compile(
        r"(?<![\d.])(?:(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])[./](?:19|20)?\d{2}|"
        r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}|"
        r"(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])-(?:19|20)\d{2}|(?:19|20)\d{2}-[01]\d-[0-3]\d)(?!\.?\d)"
    ),
    # US ZIP+4, not a number after its area code ("(41) 99274-4920" in Brazil).
    re.compile(r"(?<!\)\s)(?<!\)\u00a0)(?<!\))\b\d{5}-\d{4}\b"),
    re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)"),  # IPv4 addresses
    re.compile(r"(?<![\d.])v?\d{1,2}\.\d{1,3}\.\d{1,3}(?:\.\d{1,4})?(?!\.?\d)", re.I),  # versions 2.4.1
    re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[-–—~〜]|to|bis|до)\s*\d{1,2}[:.]\d{2}\b"),  # opening hours
    re.compile(
        rf"(?:[$€£¥₹₽]|\b(?:rs\.?|inr|usd|eur|gbp|rub|jpy|mxn)\s?)\s?{_AMOUNT}|"
        rf"{_AMOUNT}\s?(?:€|₽|₹|円|руб\.?|р\.|eur\b|usd\b|rs\b|/-)",
        re.I,
    ),  # prices
    re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}\b"),  # IBANs
    re.compile(r"\b[A-Z]{2}\d{8,12}\b"),  # VAT numbers written with their country prefix
    # Masked samples ("090-123X-5678", "+1 555 ***-1234"): never the number itself. An
    # x between digits and more digits is an extension ("03-3316005x3456").
    re.compile(
        r"[\d()+.\-]*\d[\d()+.\-]*(?:[Xx*＊×](?=[-.)\s]|$)|[Xx*＊×]{2,})[\dXx*＊×()+.\-]*|"
        r"[Xx*＊×]{2,}[\d()+.\-]*\d[\d()+.\-]*"
    ),
]


# Words that head a contact block: in a footer or on a contact page they vouch for
# the number after them ("Customer care: 1-503-224-7810").
CONTACT_LABEL = re.compile(
    r"\b(?:customer (?:care|service|support)|support|sales|service|kundenservice|kundendienst|vertrieb|"
    r"atención al cliente|servicio al cliente|ventas|service client|служба поддержки|отдел продаж|поддержка)\b|"
    r"ग्राहक सेवा|కస్టమర్ సేవ|お客様窓口|サポート|客服",
    re.I,
)


def mask_not_phones(text: str) -> str:
    """`text` with dates, ids, prices and versions blanked out, so offsets stay the same."""
    for shape in _NOT_PHONE_SHAPES:
        text = shape.sub(lambda m: "~" * len(m.group(0)), text)
    return text


def labelled_as_other(before: str) -> bool:
    """Whether the words right before a number say it is a fax, a tax id, an order..."""
    return bool(NOT_PHONE_LABEL.search(before[-30:]))


def labelled_as_contact(before: str) -> bool:
    return bool(CONTACT_LABEL.search(before[-40:]))


def labelled_as_phone(before: str) -> bool:
    """Whether a phone word stands shortly before the number (same line or field)."""
    return bool(PHONE_LABEL.search(before[-60:]))


# Words that present a number as an example of the format to type, not as the company's.
SAMPLE_LABEL = re.compile(
    r"(?:\b(?:e\.\s?g|i\.\s?e|for example|for instance|example|sample|such as|format|formato|formatu|"
    r"z\.\s?b|zum beispiel|beispiel|par exemple|exemple|ex|ej|por ejemplo|p\.\s?ex|ad es|esempio|"
    r"например|напр|пример|в формате|формат[а-я]*|наприклад|у форматі)\b|例|如|形式|フォーマット)[\s.:,()\-]*$",
    re.I,
)


def labelled_as_sample(before: str) -> bool:
    """Whether the words right before a number say it only shows the format ("e.g. +44 ...")."""
    return bool(SAMPLE_LABEL.search(before[-30:]))


def _typed(digits: str) -> bool:
    """Keys typed in a row, up or down."""
    return digits in "01234567890123456789" or digits in "98765432109876543210"


def is_placeholder(number: phonenumbers.PhoneNumber) -> bool:
    """Template numbers: 555-555-5555, 123-456-7890, +1 234 567 8900, +91 9876543210, 111-222-3333.

    Each rule is a way people type filler: one or two keys, three runs of one key, a
    run of consecutive keys for the whole number or its first eight digits. Seven
    typed keys after an area code (+7 495 123-45-67) are left alone: such numbers are
    sold as easy to remember.
    """
    return placeholder_digits(str(number.national_number))


def placeholder_digits(digits: str) -> bool:
    """`is_placeholder` for digits that do not parse as a number (`tel:0000000000`, `tel:1234567890`)."""
    if len(set(digits)) <= 2 or "5555555" in digits:
        return True
    runs = 1 + sum(a != b for a, b in itertools.pairwise(digits))
    if len(digits) >= 9 and runs <= 3:
        return True
    return _typed(digits) or (len(digits) >= 9 and _typed(digits[:8]))
