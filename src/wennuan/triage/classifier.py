"""Category classification: the domain's phrase rules plus a small naive Bayes model.

The rules (``data/category_rules.txt``) carry the domain's phrasing and decide when they speak
clearly; the naive Bayes model (character n-grams and heating words) is trained on the seed phrases
(``data/seed_phrases.txt``) and on whatever labelled history a city loads with
``wennuan triage train FILE``. The newest trained model is stored in ``triage.ClassifierModel``
(a database row, so every process and both engines see the same model).
"""

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from wennuan.core.categories import Category

from .normalize import normalize

DATA = Path(__file__).parent / "data"
CODES = [c.value for c in Category]
_DIGITS = re.compile(r"\d+")
_NOISE = re.compile(r"[,A-Z\-#]+")


def _load_rules() -> list[tuple[str, float, re.Pattern]]:
    rules = []
    for line in (DATA / "category_rules.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, weight, pattern = line.split("\t", 2)
        rules.append((Category(code).value, float(weight), re.compile(pattern)))
    return rules


def seed_samples() -> list[tuple[str, str]]:
    """The built-in (text, category) samples."""
    out = []
    for line in (DATA / "seed_phrases.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, text = line.split("\t", 1)
            out.append((text, Category(code).value))
    return out


HEATING_WORDS_FILE = DATA / "heating_words.txt"
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


@lru_cache(maxsize=1)
def _base_words() -> tuple[str, ...]:
    return tuple(
        w.split()[0] for w in HEATING_WORDS_FILE.read_text(encoding="utf-8").splitlines() if w.strip()
    )


@lru_cache(maxsize=8)
def words_pattern(learned: tuple[str, ...] = ()) -> re.Pattern:
    """Longest-first matcher over the heating word list plus a trained model's learned words."""
    words = set(_base_words()) | set(learned)
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def features(text: str, norm: str | None = None, words: re.Pattern | None = None) -> list[str]:
    """Character uni/bi/tri-grams of the text (numbers and letters removed) and the words in it.

    Words are matched by a longest-first regular expression over ``data/heating_words.txt`` and the
    words a city's history taught the model (``discover_words``, jieba at training time), not by
    jieba's segmenter: segmenting costs ~0.7 ms a text, more than the whole budget for 2,000 cases/s.
    """
    s = _NOISE.sub(" ", _DIGITS.sub("0", normalize(text) if norm is None else norm))
    feats = ["w:" + w for w in (words or words_pattern()).findall(s)]
    for part in s.split():
        feats += part
        feats += [part[i : i + 2] for i in range(len(part) - 1)]
        feats += [part[i : i + 3] for i in range(len(part) - 2)]
    return feats


class NaiveBayes:
    """Multinomial naive Bayes with Laplace smoothing over ``features``; JSON-serialisable."""

    def __init__(self, payload: dict | None = None):
        payload = payload or {}
        self.words: list[str] = payload.get("words", [])  # learned from a city's history (jieba)
        self.pattern = words_pattern(tuple(self.words))
        self.docs: dict[str, int] = payload.get("docs", {})
        self.counts: dict[str, dict[str, int]] = payload.get("counts", {})
        self.totals = {c: sum(v.values()) for c, v in self.counts.items()}
        self.vocab = len({f for v in self.counts.values() for f in v}) or 1

    def fit(self, samples) -> "NaiveBayes":
        docs, counts = Counter(self.docs), {c: Counter(v) for c, v in self.counts.items()}
        for text, code in samples:
            docs[code] += 1
            counts.setdefault(code, Counter()).update(features(text, words=self.pattern))
        return NaiveBayes(
            {"words": self.words, "docs": dict(docs), "counts": {c: dict(v) for c, v in counts.items()}}
        )

    def payload(self) -> dict:
        return {"words": self.words, "docs": self.docs, "counts": self.counts}

    def _compile(self) -> None:
        # log-count table: feature → row; logp[c] = prior[c] + n·log(1/denom[c]) + Σ log(count[f, c] + 1)
        codes = list(self.docs)
        feats = {f for v in self.counts.values() for f in v}
        self._codes = codes
        self._row = {f: i for i, f in enumerate(feats)}
        table = np.zeros((len(feats) + 1, len(codes)), dtype=np.float32)  # last row: unseen feature
        for j, code in enumerate(codes):
            for f, n in self.counts.get(code, {}).items():
                table[self._row[f], j] = math.log(n + 1)
        self._table = table
        n = sum(self.docs.values())
        self._prior = np.array([math.log(self.docs[c] / n) for c in codes])
        self._unseen = np.array([-math.log(self.totals.get(c, 0) + self.vocab) for c in codes])

    def proba(self, text: str, feats: list[str] | None = None) -> dict[str, float]:
        """Posterior probability of each known category (empty when the model has no data)."""
        if not self.docs:
            return {}
        if not hasattr(self, "_table"):
            self._compile()
        feats = features(text, words=self.pattern) if feats is None else feats
        last = len(self._row)
        rows = np.fromiter((self._row.get(f, last) for f in feats), dtype=np.intp)
        logp = self._prior + len(rows) * self._unseen + self._table[rows].sum(axis=0)
        logp = np.exp(logp - logp.max())
        logp /= logp.sum()
        return dict(zip(self._codes, logp.tolist(), strict=True))


class Classifier:
    """Rules + naive Bayes. ``classify`` returns (category code, confidence in [0, 1])."""

    def __init__(self, nb: NaiveBayes, rules=None, trained: bool = False):
        self.nb = nb
        self.rules = rules if rules is not None else _load_rules()
        # a city's own history earns its model a larger say than the seed phrases alone
        self.nb_weight = 0.5 if trained else 0.3

    def rule_scores(self, text: str, norm: str | None = None) -> dict[str, float]:
        s = normalize(text) if norm is None else norm
        scores: dict[str, float] = {}
        for code, weight, pattern in self.rules:
            if pattern.search(s):
                scores[code] = max(scores.get(code, 0.0), weight)
        return scores

    def classify(self, text: str, norm: str | None = None) -> tuple[str, float]:
        """``norm``: ``normalize(text)`` when the caller already has it."""
        norm = normalize(text) if norm is None else norm
        rules = self.rule_scores(text, norm)
        nb = self.nb.proba(text, features(text, norm, self.nb.pattern))
        if rules:
            top = max(rules.values())
            # only the strongest rules vote; a general word (暖气费) yields to a specific one (发票)
            share = {c: math.exp(w - top) for c, w in rules.items()}
            z = sum(share.values())
            score = {c: (1 - self.nb_weight) * v / z for c, v in share.items()}
            for c, p in nb.items():
                score[c] = score.get(c, 0.0) + self.nb_weight * p
        else:
            score = dict(nb)
        if not score:
            return Category.OTHER.value, 0.0
        code = max(score, key=score.get)
        return code, round(min(score[code], 1.0), 3)


@lru_cache(maxsize=1)
def _segmenter():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(HEATING_WORDS_FILE))
    return tokenizer


def discover_words(
    samples: list[tuple[str, str]], *, min_count: int = 3, purity: float = 0.8, limit: int = 500
) -> list[str]:
    """The city's own words for its categories: jieba segments the labelled texts (with our heating word
    list as its user dictionary) and a word is kept when it is not in that list, occurs ``min_count``
    times or more, and at least ``purity`` of its uses carry one category. Estate and road names are
    spread over categories and fall out; "冰窖" said only of cold rooms stays."""
    known = set(_base_words())
    by_word: dict[str, Counter] = {}
    tokenizer = _segmenter()
    for text, code in samples:
        for word in set(tokenizer.lcut(_DIGITS.sub(" ", normalize(text)))):
            if _CJK_WORD.fullmatch(word) and word not in known:
                by_word.setdefault(word, Counter())[code] += 1
    kept = []
    for word, codes in by_word.items():
        total = sum(codes.values())
        if total >= min_count and codes.most_common(1)[0][1] / total >= purity:
            kept.append((total, word))
    return [w for _, w in sorted(kept, reverse=True)[:limit]]


def train(samples: list[tuple[str, str]], *, source: str = ""):
    """Train on seed phrases + ``samples`` and store the model as the newest ``ClassifierModel`` row.

    The words the city uses for its categories (``discover_words``) join the heating word list as
    features, so a city's phrasing is picked up as words, not only as character n-grams."""
    from .models import ClassifierModel

    words = discover_words(samples)
    nb = NaiveBayes({"words": words}).fit(seed_samples()).fit(samples)
    row = ClassifierModel.objects.create(source=source[:255], samples=len(samples), payload=nb.payload())
    _cache.clear()
    return row


_cache: dict = {}


def get_classifier() -> Classifier:
    """The classifier in use: the newest trained model, else one trained on the seed phrases."""
    from .models import ClassifierModel

    latest = ClassifierModel.objects.order_by("-id").values_list("id", flat=True).first()
    if _cache.get("id", "none") != latest or "clf" not in _cache:
        if latest is None:
            clf = Classifier(NaiveBayes().fit(seed_samples()))
        else:
            payload = ClassifierModel.objects.get(pk=latest).payload
            clf = Classifier(NaiveBayes(payload), trained=True)
        _cache.update(id=latest, clf=clf)
    return _cache["clf"]
