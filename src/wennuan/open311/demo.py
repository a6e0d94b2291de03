"""The demo city served at /open311/v2/: a jurisdiction whose public reads go through the demo supervisor's
scope, and one 311 client whose api_key is printed with the demo logins (a demo only: keys are secrets)."""

from wennuan.accounts.models import User
from wennuan.core.demo import register
from wennuan.core.roles import Role
from wennuan.registry.models import City

from .models import Jurisdiction
from .services import issue_client


@register("open311", order=40)
def seed_demo_open311() -> str:
    city = City.objects.order_by("pk").first()
    if city is None or Jurisdiction.objects.exists():
        return ""
    reader = User.objects.filter(role=Role.SUPERVISOR, is_active=True).order_by("pk").first()
    jurisdiction = Jurisdiction.objects.create(code="demo.wennuan", city=city, reader=reader)
    account = User.objects.create(username="open311-demo", role=Role.HOTLINE_AGENT, first_name="市民App")
    account.set_unusable_password()
    account.save()
    _, key = issue_client(name="演示311客户端", jurisdiction=jurisdiction, user=account)
    return f"Open311：/open311/v2/（jurisdiction_id=demo.wennuan），演示客户端 api_key：{key}"
