"""``wennuan open311 client-create NAME --user U [--jurisdiction CODE] [--webhook URL]``: issue a 311
client's api_key (printed once) and its webhook signing secret. ``jurisdiction-create CODE --city NAME``
serves a city at /open311/v2/."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wennuan.core.errors import DomainError


class Command(BaseCommand):
    help = "Open311：client-create 发放客户端 api_key；jurisdiction-create 开通城市辖区。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["client-create", "jurisdiction-create"])
        parser.add_argument("name", help="客户端名称，或辖区 jurisdiction_id")
        parser.add_argument("--user", help="客户端代表账号（用户名）")
        parser.add_argument("--jurisdiction", help="jurisdiction_id（只有一个辖区时可省略）")
        parser.add_argument("--webhook", default="", help="Webhook 地址")
        parser.add_argument("--channel", default="", help="来源渠道代码（默认 online）")
        parser.add_argument("--city", help="城市名称（jurisdiction-create）")
        parser.add_argument("--reader", help="公开查询账号（jurisdiction-create，可省略）")

    def handle(self, *args, **opts):
        from wennuan.open311.models import Jurisdiction
        from wennuan.open311.services import issue_client
        from wennuan.registry.models import City

        users = get_user_model().objects
        if opts["action"] == "jurisdiction-create":
            city = City.objects.filter(name=opts["city"] or "").first()
            if city is None:
                raise CommandError(f"没有城市：{opts['city']}")
            reader = users.filter(username=opts["reader"]).first() if opts["reader"] else None
            j, _ = Jurisdiction.objects.update_or_create(
                code=opts["name"], defaults={"city": city, "reader": reader}
            )
            self.stdout.write(f"辖区 {j.code} → {city.name}")
            return
        user = users.filter(username=opts["user"] or "").first()
        if user is None:
            raise CommandError(f"没有用户：{opts['user']}")
        js = Jurisdiction.objects.all()
        j = (
            js.filter(code=opts["jurisdiction"]).first()
            if opts["jurisdiction"]
            else (js.first() if js.count() == 1 else None)
        )
        if j is None:
            raise CommandError("请用 --jurisdiction 指定辖区（先 jurisdiction-create）")
        try:
            client, key = issue_client(
                name=opts["name"],
                jurisdiction=j,
                user=user,
                channel=opts["channel"],
                webhook_url=opts["webhook"],
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:  # full_clean's ValidationError: one clear line
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"api_key（只显示这一次）：{key}")
        self.stdout.write(f"Webhook 签名密钥：{client.webhook_secret}")
