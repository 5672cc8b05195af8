"""What makes a run of digits a phone number: the words around it, and what it is not.

libphonenumber at leniency VALID still accepts some dates, order numbers and tax ids,
so text numbers are read only after everything that is plainly not a phone is masked,
and only where a label, a tel: link or a contact block vouches for them.
"""

from __future__ import annotations

import re

import phonenumbers

# Words that introduce a phone number, in the languages audited sites use.
PHONE_LABEL = re.compile(
    r"(?:\b(?:tel|tél|phone|telephone|call(?: us)?|mobile|mob|cell|hotline|helpline|toll[- ]free|"
    r"telefon|telefone|teléfono|telefono|telefoon|móvil|movil|celular|cellulare|llámanos|llámenos|"
    r"llamar|ligue|anrufen|rufen sie|ruf an|rufnummer|fon|handy|mobil|appelez|portable|bel ons|zadzwoń|"
    r"тел|телефон\w*|моб|звоните|позвоните|горячая линия|телефонуйте)\b|"
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
_AMOUNT = r"\d+(?:[,. ]\d{3})*(?:[.,]\d{1,2})?"
# Number shapes that are never phones; masked before the phone matcher runs.
_NOT_PHONE_SHAPES = [
    # Dates (05.10.1986, 10/05/86, 2023-11-05), never inside a longer dotted number
    # such as the French 06.12.34.56.78.
    re.compile(
        r"(?<![\d.])(?:(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])[./](?:19|20)?\d{2}|"
        r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}|"
        r"(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])-(?:19|20)\d{2}|(?:19|20)\d{2}-[01]\d-[0-3]\d)(?!\.?\d)"
    ),
    re.compile(r"\b\d{5}-\d{4}\b"),  # US ZIP+4
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


def is_placeholder(number: phonenumbers.PhoneNumber) -> bool:
    """Template numbers: 555-555-5555, 1234567890, +91 9876543210, 000 000 0000."""
    digits = str(number.national_number)
    if len(set(digits)) <= 2 or "5555555" in digits:
        return True
    # Real numbers may contain a run like 1234567; a whole number that is one run is typed filler.
    return digits in "01234567890123456789" or digits in "98765432109876543210"
