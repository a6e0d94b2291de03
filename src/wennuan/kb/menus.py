"""The knowledge base's menu item (core.navigation), registered in apps.ready(): everyone signed in reads it."""

from wennuan.core.audit_labels import register_actions
from wennuan.core.navigation import register

from .enums import Transition


def register_all() -> None:
    register("知识库", "kb:list", order=70)
    register_actions(
        {
            "kb.create": "新建知识库条目",
            "kb.edit": "修改知识库条目",
            "kb.delete": "删除知识库条目",
            "kb.import": "导入知识库",
            "kb.export": "导出知识库",
            **{f"kb.{t.value}": f"知识库条目{t.label}" for t in Transition},
        }
    )
