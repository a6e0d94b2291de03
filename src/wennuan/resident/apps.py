from django.apps import AppConfig


class ResidentConfig(AppConfig):
    name = "wennuan.resident"
    label = "resident"
    verbose_name = "居民自助"

    def ready(self):
        from wennuan.visits.cards import use_report_page

        from . import demo  # noqa: F401 - registers the demo resident line with core.demo

        use_report_page("resident:card")  # contact cards' QR codes open this page, building preselected
