from django.apps import AppConfig


class ResidentConfig(AppConfig):
    name = "wennuan.resident"
    label = "resident"
    verbose_name = "居民自助"

    def ready(self):
        from wennuan.core.audit_labels import register_actions
        from wennuan.visits.cards import use_report_page

        from . import demo  # noqa: F401 - registers the demo resident line with core.demo

        register_actions(
            {
                "resident.code_sent": "发送居民验证码",
                "resident.code_locked": "居民验证码锁定",
                "resident.identified": "居民身份核验",
                "resident.filed": "居民自助报修",
            }
        )
        use_report_page("resident:card")  # contact cards' QR codes open this page, building preselected
