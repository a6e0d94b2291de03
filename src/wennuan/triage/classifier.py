"""Category classification: the domain's phrase rules plus a small naive Bayes model.

The rules (``data/category_rules.txt``) carry the domain's phrasing and decide when they speak
clearly; the naive Bayes model (character n-grams and jieba tokens) is trained on the seed phrases
(``data/seed_phrases.txt``) and on whatever labelled history a city loads with
``wennuan triage train FILE``. The newest trained model is stored in ``triage.ClassifierModel``
(a database row, so every process and both engines see the same model).
"""

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

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
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(DATA / "heating_words.txt"))
    jieba.initialize()
    return jieba


def features(text: str) -> list[str]:
    """Character uni/bi/tri-grams and jieba words of the text, numbers and letters removed."""
    s = _NOISE.sub(" ", _DIGITS.sub("0", normalize(text)))
    feats = []
    for part in s.split():
        feats += list(part)
        feats += [part[i : i + 2] for i in range(len(part) - 1)]
        feats += [part[i : i + 3] for i in range(len(part) - 2)]
        feats += ["w:" + w for w in _jieba().lcut(part, HMM=False) if len(w) > 1]
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

    def proba(self, text: str) -> dict[str, float]:
        """Posterior probability of each known category (empty when the model has no data)."""
        if not self.docs:
            return {}
        feats = features(text)
        n = sum(self.docs.values())
        logp = {}
        for code, d in self.docs.items():
            counts, denom = self.counts.get(code, {}), self.totals.get(code, 0) + self.vocab
            lp = math.log(d / n)
            for f in feats:
                lp += math.log((counts.get(f, 0) + 1) / denom)
            logp[code] = lp
        top = max(logp.values())
        exp = {c: math.exp(v - top) for c, v in logp.items()}
        z = sum(exp.values())
        return {c: v / z for c, v in exp.items()}


class Classifier:
    """Rules + naive Bayes. ``classify`` returns (category code, confidence in [0, 1])."""

    def __init__(self, nb: NaiveBayes, rules=None, trained: bool = False):
        self.nb = nb
        self.rules = rules if rules is not None else _load_rules()
        # a city's own history earns its model a larger say than the seed phrases alone
        self.nb_weight = 0.5 if trained else 0.3

    def rule_scores(self, text: str) -> dict[str, float]:
        s = normalize(text)
        scores: dict[str, float] = {}
        for code, weight, pattern in self.rules:
            if pattern.search(s):
                scores[code] = max(scores.get(code, 0.0), weight)
        return scores

    def classify(self, text: str) -> tuple[str, float]:
        rules = self.rule_scores(text)
        nb = self.nb.proba(text)
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
