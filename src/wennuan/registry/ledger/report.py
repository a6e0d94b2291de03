"""What an import did, in numbers and in the words shown to the person who ran it."""

from dataclasses import dataclass, field

from wennuan.core.errors import RowError

ENTITY_LABELS = {
    "district": "区县",
    "street": "街道",
    "community": "社区",
    "grid": "网格",
    "company": "供热企业",
    "station": "换热站",
    "estate": "小区",
    "building": "楼栋",
    "unit": "单元",
    "alias": "楼栋别名门牌",
}


@dataclass
class ImportReport:
    city: str = ""
    rows: int = 0  # data rows read (blank rows are not counted)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowError] = field(default_factory=list)  # every error of every skipped row
    entities_created: dict[str, int] = field(default_factory=dict)
    buildings_updated: int = 0  # door addresses changed by the file
    seconds: float = 0.0

    @property
    def skipped_rows(self) -> int:
        return len({e.row for e in self.skipped})

    def as_dict(self) -> dict:
        return {
            "city": self.city,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped_rows": self.skipped_rows,
            "entities_created": self.entities_created,
            "buildings_updated": self.buildings_updated,
        }

    def summary(self) -> str:
        text = f"{self.city}：读取{self.rows}行，新增{self.created}户，更新{self.updated}户，未变{self.unchanged}户"
        if self.skipped:
            text += f"，跳过{self.skipped_rows}行"
        return text

    def lines(self) -> list[str]:
        """The report in Chinese, one line each: totals, new registry entries, then each skipped row."""
        out = [self.summary()]
        made = "、".join(f"{ENTITY_LABELS[k]}{n}个" for k, n in self.entities_created.items() if n)
        if made:
            out.append(f"新建：{made}")
        if self.buildings_updated:
            out.append(f"更新楼栋门牌地址：{self.buildings_updated}栋")
        if self.skipped:
            out.append(f"跳过的行（{self.skipped_rows}行，{len(self.skipped)}处错误）：")
            out.extend(f"  {e}" for e in self.skipped)
        return out
