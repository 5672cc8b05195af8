"""Words that mark contact links, labels and pages, in the languages audited sites use."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import unquote, urlsplit

# Link texts and URL slugs that lead to a way of reaching the company.
CONTACT_WORDS = (
    # English
    "contact",
    "contact us",
    "get in touch",
    "reach us",
    "write to us",
    "support",
    "help",
    "customer service",
    "customer care",
    # German, Dutch, Scandinavian, Polish, Czech
    "kontakt",
    "impressum",
    "kontaktieren",
    "hilfe",
    "kundenservice",
    "kundendienst",
    "klantenservice",
    "kontakta oss",
    "kontaktai",
    "kontaktujte",
    # Romance languages
    "contacto",
    "contactanos",
    "contáctanos",
    "contactenos",
    "ayuda",
    "atención al cliente",
    "contato",
    "fale conosco",
    "ajuda",
    "contatti",
    "contattaci",
    "assistenza",
    "contactez-nous",
    "nous contacter",
    "aide",
    "service client",
    # Russian, Ukrainian
    "контакты",
    "контакт",
    "связаться",
    "связь",
    "обратная связь",
    "поддержка",
    "помощь",
    "контакти",
    "зв'язок",
    "підтримка",
    # Hindi, Telugu, Tamil, Bengali, Marathi
    "संपर्क",
    "सम्पर्क",
    "संपर्क करें",
    "सहायता",
    "మమ్మల్ని సంప్రదించండి",
    "సంప్రదించండి",
    "సంప్రదింపు",
    "தொடர்பு",
    "যোগাযোগ",
    # Arabic, Hebrew, Persian, Turkish
    "اتصل بنا",
    "تواصل معنا",
    "צור קשר",
    "تماس با ما",
    "iletişim",
    "bize ulaşın",
    # East Asian
    "お問い合わせ",
    "お問合せ",
    "問い合わせ",
    "联系我们",
    "聯絡我們",
    "联系",
    "客服",
    "문의",
    "연락처",
    "고객센터",
    # South-East Asian
    "liên hệ",
    "hubungi kami",
    "kontak",
    "ติดต่อเรา",
    "makipag-ugnayan",
)

# Words for pages that often carry contacts but are not contact pages themselves.
ABOUT_WORDS = (
    "about",
    "about us",
    "über uns",
    "ueber-uns",
    "sobre",
    "quienes somos",
    "chi siamo",
    "à propos",
    "a-propos",
    "о нас",
    "о компании",
    "हमारे बारे में",
    "మా గురించి",
    "会社概要",
    "关于我们",
)

# Latin-script slugs seen in contact URLs (after transliteration by site owners).
CONTACT_SLUGS = (
    "contact",
    "kontakt",
    "contacto",
    "contato",
    "contatti",
    "kontakty",
    "kontakti",
    "impressum",
    "support",
    "help",
    "hilfe",
    "ayuda",
    "sampark",
    "samprad",
    "otoiawase",
    "toiawase",
    "inquiry",
    "enquiry",
    "lianxi",
    "iletisim",
    "lien-he",
    "hubungi",
    "get-in-touch",
    "reach-us",
    "customer-service",
    "svyaz",
    "obratnaya-svyaz",
)


def normalise(text: str) -> str:
    """Lower-case, NFC, single spaces: the form contact words are compared in."""
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"\s+", " ", text).strip(" \t\n:·|-–—>»›")


_WORDS = tuple(normalise(w) for w in CONTACT_WORDS)


def _word_pattern(word: str) -> str:
    # Alphabetic scripts separate words; CJK and Thai run them together, so no
    # end boundary there ("お問い合わせフォーム" is still a contact link).
    if re.search(r"[^\W\d_]$", word) and not re.search(r"[\u0e00-\u0e7f\u3000-\u9fff\uac00-\ud7af]", word):
        return re.escape(word) + r"(?:s|e|en|i|y)?(?!\w)"
    return re.escape(word)


_WORD_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(_word_pattern(w) for w in sorted(_WORDS, key=len, reverse=True)) + r")",
)
_SLUG_RE = re.compile(
    r"(?:^|[/_\-.])(?:" + "|".join(re.escape(s) for s in CONTACT_SLUGS) + r")(?:s|e|en|y|i)?(?=$|[/_\-.?#])",
)


def is_contact_text(text: str) -> bool:
    """Whether a link text or title speaks of contacting the company.

    Short texts must be mostly the contact word ("Contact us", "संपर्क करें");
    long sentences that merely mention help are not contact links.
    """
    norm = normalise(text)
    if not norm or len(norm) > 60:
        return False
    return bool(_WORD_RE.search(norm))


def route_of(fragment: str) -> str | None:
    """The route a hash-routed app shows for a URL fragment (`#/faq`, `#!/faq`), or None
    for a plain in-page anchor (`#section`)."""
    if not fragment.startswith(("/", "!/")):
        return None
    route = fragment.removeprefix("!").split("?", 1)[0]
    # "#/" alone is the app's start page: the page itself.
    return route if route.strip("/") else None


def is_contact_url(url: str) -> bool:
    """Whether the URL's path names a contact page in any script (`/kontakt`, `/संपर्क`);
    a hash route (`/#/contact`, `/#!/kontakt`) is the path a single-page app shows."""
    parts = urlsplit(url)
    route = route_of(parts.fragment)
    path = normalise(unquote(route if route is not None else parts.path))
    if not path or path == "/":
        return False
    if _SLUG_RE.search(path):
        return True
    segments = [s for s in re.split(r"[/_.\-]+", path) if s]
    return any(normalise(seg) in _WORDS for seg in segments) or any(w in path for w in _WORDS if not w.isascii())


def is_contact_heading(soup: Any) -> bool:
    """Whether the page's main heading names it a contact page ("Kontakt", "お問い合わせ")."""
    return any(is_contact_text(heading.get_text(" ")) for heading in soup.find_all("h1", limit=2))
