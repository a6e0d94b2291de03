"""Chinese text for the knowledge base: jieba segmentation with a heating word list, stop words, and
synonyms expanded at query time. The same ``terms`` function segments entries for the index and
questions for a search, so both sides agree on what a word is.

The word list (``data/heating_words.txt``, jieba user dictionary format) keeps 暖气片, 开栓, 恢复供热,
报停 … whole; ``cut_for_search`` then also yields their parts (暖气片 → 暖气, 暖气片), so a question
saying 暖气 finds an entry saying 暖气片. Synonyms (``data/synonyms.txt``) are applied to the query only:
「停暖要去哪办」 also searches 报停 and 停供.
"""

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
# A term is Chinese characters, or letters and digits (户号, 12345); punctuation never is.
_TERM = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")
# Longest text segmented for a query; a pasted page is cut here (jieba's cost grows with the text).
MAX_QUERY_CHARS = 200


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(w for line in _lines("stopwords.txt") for w in line.split())


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(line.split()) for line in _lines("synonyms.txt"))


@lru_cache(maxsize=1)
def _synonyms_of() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group in synonym_groups():
        for word in group:
            out.setdefault(word, set()).update(group)
    return {w: frozenset(g) for w, g in out.items()}


@lru_cache(maxsize=1)
def segmenter():
    """A jieba tokenizer of our own (the global one is left alone) with the heating word list."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(DATA / "heating_words.txt"))
    for group in synonym_groups():  # every synonym is a word too: 恢复供热 must not split
        for word in group:
            if len(word) > 1:
                tokenizer.add_word(word, freq=10000)
    return tokenizer


def normalize(text: str) -> str:
    """Full-width to half-width (ＡＢＣ１２ → abc12), lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def terms(text: str) -> list[str]:
    """The index terms of ``text``: jieba's search-mode words, without punctuation and stop words,
    in order, repeats kept (BM25 counts them)."""
    out = []
    for word in segmenter().cut_for_search(normalize(text)):
        for term in _TERM.findall(word):
            if term not in stopwords():
                out.append(term)
    return out


def index_text(*parts: str) -> str:
    """The space-separated terms stored for the index."""
    return " ".join(t for part in parts for t in terms(part))


def query_terms(text: str) -> list[str]:
    """The terms a search looks for: the question's own terms, each synonym of them, and the synonyms
    of any listed phrase the question contains even where jieba cut it otherwise. Distinct, in order."""
    text = normalize(text)[:MAX_QUERY_CHARS]
    found = dict.fromkeys(terms(text))
    synonyms = _synonyms_of()
    for word in list(found) + [w for w in synonyms if len(w) > 1 and w in text]:
        group = synonyms.get(word, ())
        for other in sorted(group):
            # 低保户 adds nothing 低保 does not find (the index holds 低保 inside 低保户 too) but would count
            # the same idea twice in the score
            if not any(o != other and o in other for o in group):
                found.setdefault(other)
    return list(found)
