"""What a check found, kept so that a report can say it in its reader's language.

A check's words are a `Message`: a key into the checks' message catalogue and the values
to fill in. Values are data (counts, URLs, addresses, vendor names) and are never
translated; a value that is itself a message, or a list of them, is words and is said in
the same language (a list joined by ", "). When the catalogue has plural forms for a key
(`key_one`, `key_other`), the value `n` picks one by the language's CLDR rule.

A check declares its English sentences in a `Messages` catalogue; calling it gives a
`Phrase`: the English text, which also carries its message. So a check reads and tests as
plain English, results keep that English as ever, and the message rides beside it for the
report to translate (`reports/i18n/check_texts.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pydantic import Field

from auditor.artifacts import Model

PluralRule = Callable[[int], bool]


def english_one(n: int) -> bool:
    """CLDR's English rule: only 1 takes the singular."""
    return n == 1


class Message(Model):
    key: str
    values: dict[str, str | int | float | Message | list[Message]] = Field(default_factory=dict)

    def say(self, texts: Mapping[str, str], one: PluralRule) -> str:
        """The message in the language of `texts`; a key or placeholder missing there raises KeyError."""
        values = {name: _said(value, texts, one) for name, value in self.values.items()}
        return texts[plural_key(texts, self.key, self.values.get("n"), one)].format_map(values)


def _said(value: str | int | float | Message | list[Message], texts: Mapping[str, str], one: PluralRule) -> object:
    if isinstance(value, Message):
        return value.say(texts, one)
    if isinstance(value, list):
        return ", ".join(item.say(texts, one) for item in value)
    return value


def plural_key(texts: Mapping[str, str], key: str, n: object, one: PluralRule) -> str:
    """`key` itself, or its `_one`/`_other` form for the count `n` when the catalogue has plural forms."""
    if key in texts or not isinstance(n, int):
        return key
    return f"{key}_{'one' if one(n) else 'other'}"


class Phrase(str):
    """English words that remember the message they say."""

    message: Message

    def __new__(cls, text: str, message: Message) -> Phrase:
        phrase = super().__new__(cls, text)
        phrase.message = message
        return phrase

    def __reduce__(self) -> tuple[type[Phrase], tuple[str, Message]]:
        # Copies (dataclasses.asdict deep-copies evidence) keep the message.
        return (Phrase, (str(self), self.message))


Value = str | int | float | Phrase | list[Phrase]


class Messages:
    """A check's English sentences by key, `{name}` placeholders and `_one`/`_other` plural pairs.

    `MESSAGES("missing", n=3, total=5)` is the English text as a `Phrase`. Keys are kept
    under `namespace` (the check's id), so every check can name its messages freely.
    """

    def __init__(self, namespace: str, english: Mapping[str, str]) -> None:
        self.namespace = namespace
        self.english = {f"{namespace}.{key}": text for key, text in english.items()}

    def __contains__(self, key: str) -> bool:
        return f"{self.namespace}.{key}" in self.english or f"{self.namespace}.{key}_other" in self.english

    def __call__(self, key: str, **values: Value) -> Phrase:
        key = f"{self.namespace}.{key}"
        shown = {name: ", ".join(value) if isinstance(value, list) else value for name, value in values.items()}
        text = self.english[plural_key(self.english, key, values.get("n"), english_one)].format_map(shown)
        return Phrase(text, Message(key=key, values={name: _kept(value) for name, value in values.items()}))


def _kept(value: Value) -> str | int | float | Message | list[Message]:
    if isinstance(value, Phrase):
        return value.message
    if isinstance(value, list):
        return [item.message for item in value]
    return value
