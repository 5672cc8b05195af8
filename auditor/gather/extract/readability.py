"""How plain a page's text is, measured the same way in every script.

Syllable-based formulas (Flesch and its kin) exist for a few languages only; the
length of sentences in words works for Hindi, Russian or Telugu as well as
English, so that is what we record. Scripts written without spaces (Chinese,
Japanese, Thai) count two characters as a word, close to their average word length.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from auditor.artifacts import TextStats
from auditor.gather.extract.dom import visible_strings

# Full stops of scripts without spaces end a sentence as they are; others need a space after.
_SENTENCE_END = re.compile(r"[。！？]+|[.!?;।॥]+(?:\s|$)|\n\s*\n")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0900-\u0dff\u0e00-\u0e7f'’-])*")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]")
LONG_WORD = 13


def text_stats(soup: BeautifulSoup) -> TextStats:
    """Words, sentences and very long words in the readable text of the page's main part."""
    main = soup.find("main") or soup.find(role="main") or soup.body or soup
    text = "\n".join(str(s) for s in visible_strings(main if isinstance(main, Tag) else soup))
    unspaced = len(_UNSPACED.findall(text))
    words = _WORD.findall(_UNSPACED.sub(" ", text))
    word_count = len(words) + unspaced // 2
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)])) if word_count else 0
    return TextStats(
        words=word_count,
        sentences=sentences,
        long_words=sum(1 for w in words if len(w) >= LONG_WORD),
    )
