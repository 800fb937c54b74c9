"""A light, offline check of whether a sentence is English (the sentence model's language).

It needs no model and no data beyond a list of 120 English function words. A sentence is
taken as English unless one of these holds:

- more than a fifth of its letters are outside the Latin alphabet (Cyrillic, Arabic, ...);
- more than a sixth of its words, and more than one, are written in lower case with letters
  that English does not use (``ə ğ ı ş ç ö ü``, accented vowels, ...): proper nouns such as
  *Türkiye* or *Şuşa* are capitalised, words of a Turkish, Azerbaijani, French or German
  sentence are not, and a loan word such as *naïve* is alone (but even one such word needs two
  English function words beside it);
- it has four words or more, and fewer than one in ten is an English function word (``the``,
  ``of``, ``and``, ``will`` ...), or fewer than two (one for four words). A short line such as
  "Brotherly nations!" has none and is still judged by the first two tests.

>>> is_english("The ministers agreed to meet again next year.")
True
>>> is_english("Növbəti üçtərəfli görüşün Ankarada keçirilməsi razılaşdırılıb.")
False
>>> is_english("Bir millət, iki dövlət!")
False
>>> is_english("Kardeş Pakistan her zaman kalbimizdedir.")
False
>>> is_english("Brotherly nations!")
True
>>> is_english("The plan was called naïve by the critics.")
True
>>> is_english("Sizler bizim can kardeşlerimizsiniz.")
False
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_FUNCTION_WORDS = frozenset(
    """a about above after against all also an and any are as at be been before being between both but by
    can could did do does during each either for from had has have he her here his how i if in into is it
    its itself many may might more most must my no nor not now of on once only or other our ours out over
    own same shall she should so some such than that the their them then there these they this those
    through to too under until up upon very was we were what when where which while who whom whose why
    will with within without would you your yours""".split()
)


def _latin(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff"  # Basic Latin to IPA, Latin Extended Additional


def is_english(text: str) -> bool:
    """Whether ``text`` reads as English by the tests in the module's description."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True  # nothing to judge: numbers, punctuation
    if sum(not _latin(ch) for ch in letters) > len(letters) / 5:
        return False
    words = _WORD.findall(text)
    marked = sum(1 for w in words if w[0].islower() and not w.isascii())
    if marked > max(1, len(words) / 6):
        return False
    if len(words) < 4 and not marked:
        return True
    common = sum(1 for w in words if w.lower() in _FUNCTION_WORDS)
    if marked and common < 2:
        return False
    return common >= max(len(words) / 10, 1 if len(words) == 4 else 2)


#: How the check works, for reports and messages.
METHOD = "English function words and letters outside the English alphabet (tariqa.qda.language)"
