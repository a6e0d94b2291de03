"""The coverage page (issue #20): worst first, a progress bar per row, and the 合计 row's 覆盖率 filled."""

import re

import pytest

from wennuan.accounts.tests.factories import PASSWORD

from .test_coverage import world  # noqa: F401 - the fixture: grids A (2/4 visited), B (0/2), C (0/1)

pytestmark = pytest.mark.django_db


def test_worst_first_with_bars_and_the_total_coverage(client, supervisor, phase, world, grid):  # noqa: F811
    assert client.login(username=supervisor.username, password=PASSWORD)
    body = client.get(f"/visits/coverage/?phase={phase.pk}&level=grid").content.decode()
    tbody = re.search(r"<tbody>(.*?)</tbody>", body, re.S).group(1)
    names = re.findall(r"<tr>\s*<td>([^<]+)</td>", tbody)
    assert names == ["B网格", "C网格", grid.name]  # 0 %, 0 %, then 50 %
    assert tbody.count('<progress class="bar"') == 3 and 'value="0.5000"' in tbody
    foot = re.search(r"<tfoot>(.*?)</tfoot>", body, re.S).group(1)
    assert re.search(r'data-total="coverage">.*28\.6%</th>', foot)
