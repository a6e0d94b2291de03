"""The account page, the household page's section, the import page and the statements list: scope,
masking, roles, what a person reads."""

import io

import pytest

from wennuan.accounts.tests.world import EXPECTED, MASKED_ROLES
from wennuan.hall.services.statements import compute_statements

from .factories import pay, season_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_account_page_follows_scope_and_masks_names(client, world, who):
    user = world.users[who]
    client.force_login(user)
    for key, h in world.households.items():
        resp = client.get(f"/hall/households/{h.account}/")
        if key not in EXPECTED[who]:
            assert resp.status_code == 404
            continue
        assert resp.status_code == 200
        text = resp.content.decode()
        masked = who in MASKED_ROLES
        assert (h.resident_name in text) is not masked
        assert (h.phone in text) is not masked


def test_account_page_shows_fee_paid_and_arrears(client, world):
    from decimal import Decimal

    h1 = world.households["h1"]
    pay(h1, "100", receipt="R1")
    client.force_login(world.users["hotline"])
    text = client.get(f"/hall/households/{h1.account}/").content.decode()
    fee = (Decimal(str(h1.area)) * 27).quantize(Decimal("0.01"))
    assert f"<strong>{fee} 元</strong>" in text and "100.00 元" in text and "R1" in text
    assert f"{fee - 100} 元" in text  # the arrears


def test_household_page_has_the_account_section(client, world):
    client.force_login(world.users["grid"])
    text = client.get(f"/registry/households/{world.households['h1'].account}/").content.decode()
    assert 'id="hall-account"' in text and "应缴热费" in text


def test_import_page_for_dispatcher_and_refused_to_grid_worker(client, world):
    client.force_login(world.users["grid"])
    assert client.get("/hall/payments/import/").status_code == 403
    client.force_login(world.users["dispatcher"])
    body = "户号,缴费金额,缴费日期,收费单号\nA0001,50,2025-11-03,S1\nB0001,50,2025-11-03,S2\n".encode()
    upload = io.BytesIO(body)
    upload.name = "pay.csv"
    resp = client.post("/hall/payments/import/", {"file": upload})
    assert resp.status_code == 422
    assert "第3行 [户号] 户号不存在或不在您的管辖范围内（值：B0001）" in resp.content.decode()
    upload = io.BytesIO(body.split(b"B0001")[0].rsplit(b"\n", 1)[0] + b"\n")
    upload.name = "pay.csv"
    resp = client.post("/hall/payments/import/", {"file": upload})
    assert resp.status_code == 200 and "新增缴费1笔" in resp.content.decode()


def test_statements_page_lists_the_scope_in_few_queries(client, world, django_assert_max_num_queries):
    season = season_of(world.households["h1"])
    compute_statements(season=season, by=world.users["supervisor"])
    client.force_login(world.users["dispatcher"])
    with django_assert_max_num_queries(12):
        resp = client.get(f"/hall/statements/?season={season.pk}")
    text = resp.content.decode()
    assert "A0001" in text and "A0002" in text and "A0003" not in text and "B0001" not in text
    # Only the supervisor computes the whole city.
    assert client.post("/hall/statements/compute/", {"season": season.pk}).status_code == 403
