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


@lru_cache(maxsize=1)
def _heating_words() -> re.Pattern:
    words = [
        w.split()[0]
        for w in (DATA / "heating_words.txt").read_text(encoding="utf-8").splitlines()
        if w.strip()
    ]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def features(text: str, norm: str | None = None) -> list[str]:
    """Character uni/bi/tri-grams of the text (numbers and letters removed) and the heating words in it.

    Words come from ``data/heating_words.txt`` (also jieba's user dictionary format) by a longest-first
    regular expression, not from jieba's segmenter: segmenting costs ~0.7 ms a text, more than the
    whole budget for 2,000 cases/s, and the character n-grams already carry the rest.
    """
    s = _NOISE.sub(" ", _DIGITS.sub("0", normalize(text) if norm is None else norm))
    feats = ["w:" + w for w in _heating_words().findall(s)]
    for part in s.split():
        feats += part
        feats += [part[i : i + 2] for i in range(len(part) - 1)]
        feats += [part[i : i + 3] for i in range(len(part) - 2)]
    return feats


class NaiveBayes:
    """Multinomial naive Bayes with Laplace smoothing over ``features``; JSON-serialisable."""

    def __init__(self, payload: dict | None = None):
        payload = payload or {}
        self.docs: dict[str, int] = payload.get("docs", {})
        self.counts: dict[str, dict[str, int]] = payload.get("counts", {})
        self.totals = {c: sum(v.values()) for c, v in self.counts.items()}
        self.vocab = len({f for v in self.counts.values() for f in v}) or 1

    def fit(self, samples) -> "NaiveBayes":
        docs, counts = Counter(self.docs), {c: Counter(v) for c, v in self.counts.items()}
        for text, code in samples:
            docs[code] += 1
            counts.setdefault(code, Counter()).update(features(text))
        return NaiveBayes({"docs": dict(docs), "counts": {c: dict(v) for c, v in counts.items()}})

    def payload(self) -> dict:
        return {"docs": self.docs, "counts": self.counts}

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
        feats = features(text) if feats is None else feats
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
        nb = self.nb.proba(text, features(text, norm))
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


def train(samples: list[tuple[str, str]], *, source: str = ""):
    """Train on seed phrases + ``samples`` and store the model as the newest ``ClassifierModel`` row."""
    from .models import ClassifierModel

    nb = NaiveBayes().fit(seed_samples()).fit(samples)
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
