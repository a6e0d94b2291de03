from django.core.management.base import BaseCommand

from wennuan.accounts.demo import DEMO_PASSWORD, build_demo, demo_logins
from wennuan.core.demo import seed_extras
from wennuan.registry.demo import DEFAULT_SEED


class Command(BaseCommand):
    help = (
        "生成演示城市：wennuan demo --households N [--seed S]。生成住户台账并经由正式的导入功能写入“演示市”，"
        f"再为每种角色建立一个演示账号（密码均为 {DEMO_PASSWORD}），然后由各功能补充演示数据（走访活动、"
        "停热事件、四周的演示供暖季等，各自只生成一次）。同一种子结果相同，重复运行不改变数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=3000, help="住户数（默认 3000）")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"随机种子（默认 {DEFAULT_SEED}）")

    def handle(self, *args, **opts):
        report = build_demo(households=opts["households"], seed=opts["seed"])
        for line in report.lines():
            self.stdout.write(line)
        seed_extras(out=self.stdout)  # each app's seeder adds its part once (as `wennuan run` does)
        self.stdout.write("演示账号：")
        for username, password, role_label, scope_label in demo_logins():
            self.stdout.write(f"  {username:<12} {password:<14} {role_label} · {scope_label}")
