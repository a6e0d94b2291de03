import pytest

from wennuan.triage.classifier import get_classifier, train
from wennuan.triage.models import ClassifierModel


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("两组暖气片是冰的，屋里才十四度", "not_warm"),
        ("白天还行一到晚上就凉了", "intermittent"),
        ("阀门一直往下滴水", "leak"),
        ("院里冒热气，主管道好像坏了", "burst"),
        ("住顶楼，上不去水", "low_pressure"),
        ("别人家都热了我家没开栓", "not_started"),
        ("暖气片上热下凉", "uneven"),
        ("过滤网堵了需要清洗", "valve_filter"),
        ("报修三天了没人来", "repair_delay"),
        ("缴了费系统还显示未缴", "billing"),
        ("想办理报停", "suspend_resume"),
        ("电子发票怎么打印", "invoice"),
        ("低保户的采暖补贴还没发", "subsidy"),
        ("申请上门测温，不达标要退费", "refund"),
        ("分户改造什么时候完工", "retrofit"),
        ("打电话过去客服推诿不管", "service_conduct"),
        ("换热站半夜嗡嗡响睡不着", "noise"),
    ],
)
def test_domain_phrasings(db, text, code):
    assert get_classifier().classify(text)[0] == code


def test_confidence_is_a_probability(db):
    _, confidence = get_classifier().classify("暖气不热")
    assert 0.0 < confidence <= 1.0


def test_text_without_any_signal_is_other_with_low_confidence(db):
    code, confidence = get_classifier().classify("你好")
    assert confidence < 0.9


def test_training_on_a_citys_history_teaches_its_words(db):
    # a local word no rule knows: "烧得不行" (in this made-up city: the radiators are cold)
    samples = [
        ("家里烧得不行", "not_warm"),
        ("屋里烧得不行啊", "not_warm"),
        ("烧得不行了快来看", "not_warm"),
    ] * 5
    row = train(samples, source="history.jsonl")
    assert ClassifierModel.objects.count() == 1 and row.samples == 15
    assert get_classifier().classify("我家烧得不行")[0] == "not_warm"


def test_training_learns_a_citys_words_with_jieba_and_drops_place_names():
    from wennuan.triage.classifier import discover_words

    samples = [
        ("金桥小区屋里像冰窖", "not_warm"),
        ("幸福里家里冰窖一样", "not_warm"),
        ("金桥小区冰窖似的冷", "not_warm"),
        ("金桥小区要开发票", "invoice"),
        ("幸福里多收了钱", "billing"),
    ]
    words = discover_words(samples)
    assert "冰窖" in words  # said only of cold rooms
    assert "金桥" not in words and "金桥小区" not in words  # spread over categories


def test_learned_words_are_stored_with_the_model_and_used(db):
    samples = [("屋里像冰窖", "not_warm"), ("家里冰窖一样", "not_warm"), ("冰窖似的", "not_warm")] * 2
    row = train(samples, source="city.jsonl")
    assert "冰窖" in row.payload["words"]
    nb = get_classifier().nb
    assert "w:冰窖" in nb.counts["not_warm"]
