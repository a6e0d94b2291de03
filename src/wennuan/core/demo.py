"""Demo seeders: what each app adds to a freshly generated demo city (a campaign under way, …).

The registry builds the city itself (``registry.demo``); apps above it register a seeder here in their
``AppConfig.ready`` so that ``wennuan run`` on an empty database shows every part working, without the
registry depending on them."""

from collections.abc import Callable

_SEEDERS: list[tuple[int, str, Callable]] = []


def register(name: str, *, order: int = 100):
    """``@register("visits")`` on ``fn() -> str``: returns one line saying what it added ("" for nothing)."""

    def deco(fn):
        if all(n != name for _, n, _ in _SEEDERS):
            _SEEDERS.append((order, name, fn))
            _SEEDERS.sort(key=lambda s: (s[0], s[1]))
        return fn

    return deco


def seed_extras(*, out) -> None:
    for _, _name, fn in _SEEDERS:
        line = fn()
        if line:
            out.write(line)
