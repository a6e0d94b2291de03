"""Text normalisation shared by the index (registry names) and the resolver (what residents say).

Both sides go through the same functions, so "三单元", "３单元" and "3单元" meet as "3单元", and
"陆合小区" meets "六合小区" through ``sound_key``.
"""

import re
import unicodedata

from .numerals import NUMERAL_CHARS, cn_to_int

# Markers after which (or before which) a run of Chinese numerals is an address number.
_AFTER_NUMBER = "号楼|号院|号|单元|栋|幢|座|楼|层|室|户|门|期|区|排|组|排|#"
_BEFORE_NUMBER = "元|栋|幢|座|号|楼|层|门|室|第|-"  # single characters: 元 ends 单元
_NUM_BEFORE_MARKER = re.compile(f"([{NUMERAL_CHARS}]+)(?=(?:{_AFTER_NUMBER}))")
_NUM_AFTER_MARKER = re.compile(
    f"(?<=(?:{'|'.join(m for m in _BEFORE_NUMBER.split('|') if len(m) == 1)}))([{NUMERAL_CHARS}]+)"
)
_DASHES = re.compile(r"[‐‑‒–—―−－~～_]")
_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[，。；;、！!？?：:（）()【】\[\]「」“”\"'<>《》]")
_DIGIT_DASH = re.compile(r"(?<=[0-9A-Z])(?:\s*-\s*|一)(?=[0-9])")


def _cn(match: re.Match) -> str:
    value = cn_to_int(match.group(1))
    return match.group(1) if value is None else str(value)


def normalize(text: str) -> str:
    """Canonical form of an address or complaint text.

    Promises: full-width characters become half-width (NFKC), letters are upper case, white space is
    gone, punctuation becomes ",", dashes become "-", and Chinese numerals that stand for an address
    number (before or after a marker such as 单元/号/栋/楼/室/门) become Arabic digits. Other Chinese
    numerals (六合小区, 五泉路) are kept, so estate and road names survive. Idempotent.
    """
    s = unicodedata.normalize("NFKC", text or "").upper()
    s = _SPACES.sub("", s)
    s = _DASHES.sub("-", s)
    s = _PUNCT.sub(",", s)
    s = _NUM_BEFORE_MARKER.sub(_cn, s)
    s = _NUM_AFTER_MARKER.sub(_cn, s)
    # "7一2一501": a dash typed as 一 between digits
    s = _DIGIT_DASH.sub("-", s)
    return s


# Homophones residents and typists confuse in place names. Each group maps to its first character.
# A small table instead of a pinyin dependency: only the confusions that decide a match matter, and
# an over-broad table only costs a demotion to "phonetic" evidence, never an exact match.
_HOMOPHONE_GROUPS = """
六陆刘流柳留榴琉 路鹿露禄录鲁卢芦炉庐 园源元圆原苑院远袁媛缘垣 华花化桦骅 金锦今津晋进近劲
桥乔侨巧 新欣心鑫馨信辛 和合河荷禾 安岸 永泳勇涌 长常昌畅场 青清庆晴情轻 福富府阜复芙甫
兴星幸杏 泰太台 平苹萍屏坪 明名鸣铭 光广 东冬栋 西溪喜熙曦希锡 南楠 北贝 家嘉佳加
居聚菊局 里丽利立李理力礼黎 庭亭廷婷 城成诚程承 天田甜 香祥翔湘向乡 瑞锐 雅亚
景京晶静精经井敬 丰峰枫风凤锋 红虹宏鸿洪 龙隆 泉全权 五武吴梧午伍 盛胜圣升生 博柏伯
兰蓝澜岚 怡逸益艺颐义意 玉宇雨裕御育豫瑜渝 惠辉汇慧晖 建健剑 卫威伟维 桃陶涛 宁凝
春纯 中忠钟 钢港岗 开凯 沟钩 三叁 四肆寺思丝 七柒齐旗祺琪奇 八捌巴 九玖久 十拾石实时
二贰 庄装 村存 小晓 大达 山珊善 林琳霖临 医衣依伊 凤奉 海 湖虎 江疆 树 松嵩 桂贵 梅美 秀绣
"""
_SOUND = {}
for _group in _HOMOPHONE_GROUPS.split():
    for _ch in _group:
        _SOUND.setdefault(_ch, _group[0])


def sound_key(s: str) -> str:
    """``s`` with every character replaced by its homophone group's representative (陆合 → 六合)."""
    return "".join(_SOUND.get(c, c) for c in s)


# Generic estate suffixes: "六合小区" is also called "六合"; "机械厂家属院" also "机械厂".
ESTATE_SUFFIXES = (
    "住宅小区", "生活小区", "小区", "家属院", "家属区", "家属楼", "生活区", "住宅区", "宿舍", "家园",
    "花园", "新村", "社区", "公寓", "大院", "楼院", "院", "苑", "里", "居", "村", "园", "城",
)  # fmt: skip


def estate_aliases(name: str) -> set[str]:
    """Shorter names residents use for an estate (its generic suffix dropped), each ≥ 2 characters."""
    out = set()
    for suffix in ESTATE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            out.add(name[: -len(suffix)])
            break
    return out


_BUILDING_SUFFIX = re.compile(r"(号楼|号院|栋楼|栋|幢|座|号|楼|#)$")
_UNIT_SUFFIX = re.compile(r"(单元|门|号)$")
_ROOM_SUFFIX = re.compile(r"(室|户|号)$")


def building_key(label: str) -> str:
    """Key of a building label: "3号楼", "3栋", "三幢", "3#" → "3"; "A6", "A6号楼" → "A6"."""
    s = _BUILDING_SUFFIX.sub("", normalize(label))
    return s.lstrip("0") or s


def unit_key(label: str) -> str:
    """Key of a unit label: "2单元", "二单元", "2门" → "2"; blank stays blank."""
    s = _UNIT_SUFFIX.sub("", normalize(label))
    return s.lstrip("0") or s


def room_key(label: str) -> str:
    """Key of a room: "502", "0502", "502室" → "502". A ledger's "6-2" keeps its dash: without it, "10-1"
    would meet floor 1's "101"."""
    s = _ROOM_SUFFIX.sub("", normalize(label))
    return s.lstrip("0") or s
