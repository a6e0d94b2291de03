"""Arrears are never a reason to refuse heat (domain.md; Liaoning 2022): a previous owner's or a neighbour's
debts are not the household's, and a 开栓 refusal must give a technical reason.

``cited(text)`` reads what a person wrote (a refusal's note, a case's 办结 or 退回 text) and says whether it
gives arrears as the reason heat is withheld. Pure: the services and the pages' warnings call it."""

import re
from dataclasses import dataclass
from enum import Enum

ARREARS = re.compile(r"欠费|欠缴|拖欠|欠款|欠.{0,3}(?:热费|取暖费|采暖费)|未缴|未交|没交|没缴|未结清|没结清")
# Someone other than the household: the one who owned it before, the neighbours, the rest of the building.
OTHERS = re.compile(
    r"前业主|原业主|前房主|原房主|上任房主|上一任|前任|上家|卖房人|原户主|前户主|旧房主|"
    r"邻居|邻户|隔壁|对门|楼上|楼下|同单元|同楼|其他住户|别的住户|别人家|他人|整栋|整个单元|全楼"
)
# Heat withheld: refused, stopped, not opened, or made conditional on paying.
WITHHELD = re.compile(
    r"(?:不予|不能|无法|拒绝|暂不|不给|不再|没法)(?:予以)?(?:供热|供暖|开栓|开阀|恢复供热|送暖|通暖)|"
    r"不开栓|未开栓|不开阀|不供热|不供暖|停热|停暖|停供|关阀|关栓|断热|"
    r"(?:缴清|交清|补缴|补交|结清|缴纳|缴费|交费)(?:后|之后|以后)?(?:再|才|方可|才能|才可)?(?:供热|供暖|开栓|开阀)|"
    r"先(?:缴费|交费|缴清|补缴)"
)
# Words that say the arrears are *not* the reason (an agent explaining the rule to the resident).
DISCLAIMED = re.compile(r"不能作为|不得作为|不应作为|不是.{0,6}理由|不得以|不能以|不应以|与本户无关|无关")


class Whose(Enum):
    OTHERS = "others"  # a previous owner's or a neighbour's
    OWN = "own"


@dataclass(frozen=True)
class Citation:
    whose: Whose
    warning: str


OTHERS_WARNING = (
    "前业主或邻居的欠费不能作为拒绝供热、不予开栓的理由（辽宁省2022年规定）：欠费应向欠费人追缴，"
    "不得影响本户供热。请按实际情况办理。"
)
OWN_WARNING = (
    "欠费不能作为拒绝开栓的理由：拒绝须写明技术原因（无独立分户管路、危及邻户或管网安全、新建建筑保修期内）。"
    "本户欠费请依法另行催缴。"
)


def cited(text: str) -> Citation | None:
    """Whether ``text`` gives arrears as the reason heat is withheld (None when it does not)."""
    text = re.sub(r"\s+", "", text or "")
    if not text or not ARREARS.search(text) or DISCLAIMED.search(text):
        return None
    if not WITHHELD.search(text):
        return None
    if OTHERS.search(text):
        return Citation(Whose.OTHERS, OTHERS_WARNING)
    return Citation(Whose.OWN, OWN_WARNING)


def mentions_arrears(text: str) -> bool:
    """Any mention of arrears at all (a 开栓 refusal may not rest on them, withheld or not)."""
    text = re.sub(r"\s+", "", text or "")
    return bool(ARREARS.search(text)) and not DISCLAIMED.search(text)
