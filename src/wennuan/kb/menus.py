"""The knowledge base's menu item (core.navigation), registered in apps.ready(): everyone signed in reads it."""

from wennuan.core.navigation import register


def register_all() -> None:
    register("知识库", "kb:list", order=70)
