"""The demo city's way in to the resident page: one household with a mobile, printed by ``wennuan run``."""

from wennuan.core import demo
from wennuan.registry.models import Household


@demo.register("resident", order=900)
def demo_resident() -> str:
    household = Household.objects.filter(phone__regex=r"^1[3-9][0-9]{9}$").order_by("id").first()
    if household is None:
        return ""
    return (
        f"居民自助 /resident/：户号 {household.account}，手机 {household.phone}"
        "（演示环境的验证码写在服务器日志里）\n"
    )
