"""The ``wennuan`` console command: Django's management commands with a ``--db URL`` option in front.

wennuan [--db URL] import registry FILE [--skip-invalid]
wennuan [--db URL] export registry FILE.xlsx
wennuan [--db URL] demo --households N
wennuan [--db URL] run [--port P]        # migrate, seed a demo city if empty, serve
wennuan [--db URL] tick                  # the periodic sweep, for cron
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    while args and args[0].startswith("--db"):
        opt = args.pop(0)
        if "=" in opt:
            os.environ["WENNUAN_DB"] = opt.split("=", 1)[1]
        elif args:
            os.environ["WENNUAN_DB"] = args.pop(0)
        else:
            sys.exit("wennuan: --db needs a database URL, e.g. postgres://postgres@127.0.0.1:5432/wennuan")
    if os.environ.get("WENNUAN_DB"):
        from wennuan.core.dburl import BadDatabaseURL, check_url

        try:
            check_url(os.environ["WENNUAN_DB"])
        except BadDatabaseURL as err:
            sys.exit(f"wennuan: {err}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wennuan.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["wennuan", *args])


if __name__ == "__main__":
    main()
