"""What counts as citing arrears to withhold heat, and what does not (an agent explaining the rule)."""

import pytest

from wennuan.hall.arrears import Whose, cited

OTHERS = [
    "前业主欠费未缴清，暂不开栓",
    "该户原房主拖欠三年取暖费，缴清后再开栓",
    "楼上邻居欠费，整个单元停供",
    "同单元其他住户未缴费，无法供热",
    "上家欠缴采暖费，需补缴后开阀",
]
OWN = [
    "本户欠费，暂不供热",
    "用户未缴纳取暖费，先缴费后开栓",
    "欠费未结清，不予开栓",
]
FINE = [
    "已核实前业主欠费与本户无关，已开栓供热",
    "向居民解释：邻居欠费不能作为拒绝供热的理由，已协调开栓",
    "已上门排气，室温19.5℃，居民满意",
    "居民咨询欠费金额，已告知",
    "",
]


@pytest.mark.parametrize("text", OTHERS)
def test_others_arrears_withholding_heat_is_cited(text):
    found = cited(text)
    assert found is not None and found.whose is Whose.OTHERS
    assert "前业主或邻居的欠费不能作为" in found.warning


@pytest.mark.parametrize("text", OWN)
def test_own_arrears_withholding_heat_is_cited_as_own(text):
    found = cited(text)
    assert found is not None and found.whose is Whose.OWN


@pytest.mark.parametrize("text", FINE)
def test_texts_that_do_not_withhold_heat_for_arrears(text):
    assert cited(text) is None
