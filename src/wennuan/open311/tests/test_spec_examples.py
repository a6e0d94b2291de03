"""Our renderer against the spec's examples: each JSON example rendered as XML is the spec's XML example,
and every answer of ours has the example's fields in the example's order, in both formats."""

from xml.etree import ElementTree as ET

import pytest

from wennuan.cases.tests.factories import new_case
from wennuan.open311.render import to_xml

from . import factories as f
from .spec_examples import EXAMPLES

BASE = "/open311/v2"


def tree(xml: str):
    """(tag, text, children) with the whitespace between elements dropped."""

    def walk(e):
        return (e.tag, (e.text or "").strip() or None, [walk(c) for c in e])

    return walk(ET.fromstring(xml.encode()))


def shape(node):
    """Element names only, in order."""
    tag, _, children = node
    return (tag, [shape(c) for c in children])


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_the_specs_json_example_renders_as_its_xml_example(name):
    root, as_json, as_xml = EXAMPLES[name]
    assert tree(to_xml(root, as_json)) == tree(as_xml)


@pytest.fixture
def answers(client, db):
    from django.core.cache import cache

    cache.clear()
    jur = f.jurisdiction()
    household = f.placed_household(jur)
    _, key = f.client(jur)
    case = new_case(household=household)
    form = {"api_key": key, "service_code": "leak", "address_string": "x", "attribute[LEAK_WHERE]": "indoor"}
    posted = client.post(f"{BASE}/requests.json", form).json()[0]
    urls = {
        "services": "services",
        "definition": "services/leak",
        "token": f"tokens/{posted['token']}",
        "requests": f"requests/{case.pk}",
        "error": "services/nope",
    }
    out = {name: (client.get(f"{BASE}/{path}.json").json(), client.get(f"{BASE}/{path}.xml").content.decode())
           for name, path in urls.items()}  # fmt: skip
    posted_xml = client.post(f"{BASE}/requests.xml", {**form, "client_reference": "R1"}).content.decode()
    out["posted"] = (
        client.post(f"{BASE}/requests.json", {**form, "client_reference": "R1"}).json(),
        posted_xml,
    )
    return out


def _keys_in_order(value):
    first = value[0] if isinstance(value, list) else value
    return list(first)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_our_answers_have_the_examples_fields_in_its_order(answers, name):
    _, example_json, example_xml = EXAMPLES[name]
    ours_json, ours_xml = answers[name]
    ours_keys = _keys_in_order(ours_json)
    expected = _keys_in_order(example_json)
    assert [k for k in ours_keys if k in expected] == expected  # extra fields (token on POST) may follow
    ours_shape, example_shape = shape(tree(ours_xml)), shape(tree(example_xml))
    assert ours_shape[0] == example_shape[0]
    first_ours, first_example = ours_shape[1][0], example_shape[1][0]
    assert [c[0] for c in first_ours[1] if c[0] in {x[0] for x in first_example[1]}] == [
        x[0] for x in first_example[1]
    ]
