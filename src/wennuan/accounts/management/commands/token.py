"""API tokens from the console.

wennuan token create USERNAME --name NAME   # prints the token once; only its hash is stored
wennuan token revoke PREFIX                 # the first 8 characters, as listed
wennuan token list [USERNAME]
"""

from django.core.management.base import BaseCommand, CommandError

from wennuan.accounts.models import ApiToken, User
from wennuan.accounts.services import issue_token, revoke_token


class Command(BaseCommand):
    help = "签发、吊销、列出 API 令牌"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="为用户签发令牌（只显示一次）")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="用途，例如“12345对接”")
        revoke = sub.add_parser("revoke", help="按前缀吊销令牌")
        revoke.add_argument("prefix")
        listing = sub.add_parser("list", help="列出令牌（不含令牌本身）")
        listing.add_argument("username", nargs="?")

    def handle(self, *args, verb, **opts):
        getattr(self, f"_{verb}")(**opts)

    def _create(self, *, username, name, **_):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有这个在用的用户：{username}")
        token, key = issue_token(user=user, name=name)
        self.stderr.write(f"已为 {username} 签发令牌“{name}”（前缀 {token.prefix}）。令牌只显示这一次：")
        self.stdout.write(key)

    def _revoke(self, *, prefix, **_):
        rows = list(ApiToken.objects.select_related("user").filter(prefix=prefix, revoked=False))
        if not rows:
            raise CommandError(f"没有前缀为 {prefix} 的有效令牌")
        if len(rows) > 1:
            raise CommandError(f"前缀 {prefix} 对应 {len(rows)} 个令牌，请在后台按用户吊销")
        revoke_token(token=rows[0])
        self.stdout.write(f"已吊销 {rows[0].user.username} 的令牌“{rows[0].name}”（{prefix}）")

    def _list(self, *, username=None, **_):
        rows = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
        if username:
            rows = rows.filter(user__username=username)
        for t in rows:
            state = "已吊销" if t.revoked else "有效"
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "从未使用"
            self.stdout.write(f"{t.prefix}  {t.user.username}  {t.name}  {state}  {used}")
