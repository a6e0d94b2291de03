"""The shapes of the GeoReport v2 spec's example answers (http://wiki.open311.org/GeoReport_v2), each as
JSON and as XML, with short sample values: the element names and their order are the spec's."""

SERVICES_JSON = [
    {
        "service_code": "001",
        "service_name": "Cans left out 24x7",
        "description": "Cans left out",
        "metadata": True,
        "type": "realtime",
        "keywords": "lorem, ipsum",
        "group": "sanitation",
    }
]
SERVICES_XML = """<?xml version="1.0" encoding="utf-8"?><services><service><service_code>001</service_code>
<service_name>Cans left out 24x7</service_name><description>Cans left out</description><metadata>true</metadata>
<type>realtime</type><keywords>lorem, ipsum</keywords><group>sanitation</group></service></services>"""

DEFINITION_JSON = {
    "service_code": "DMV66",
    "attributes": [
        {
            "variable": True,
            "code": "WHISPER",
            "datatype": "string",
            "required": False,
            "datatype_description": None,
            "order": 1,
            "description": "What is the ticket number?",
        },
        {
            "variable": True,
            "code": "ELEPHANT",
            "datatype": "singlevaluelist",
            "required": True,
            "datatype_description": None,
            "order": 2,
            "description": "What is the colour of the elephant?",
            "values": [{"key": "123", "name": "Ford"}, {"key": "124", "name": "Chrysler"}],
        },
    ],
}
DEFINITION_XML = """<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>DMV66</service_code>
<attributes><attribute><variable>true</variable><code>WHISPER</code><datatype>string</datatype><required>false</required>
<datatype_description /><order>1</order><description>What is the ticket number?</description></attribute>
<attribute><variable>true</variable><code>ELEPHANT</code><datatype>singlevaluelist</datatype><required>true</required>
<datatype_description /><order>2</order><description>What is the colour of the elephant?</description>
<values><value><key>123</key><name>Ford</name></value><value><key>124</key><name>Chrysler</name></value></values>
</attribute></attributes></service_definition>"""

POSTED_JSON = [{"service_request_id": 293944, "service_notice": "The City will inspect.", "account_id": None}]
POSTED_XML = """<?xml version="1.0" encoding="utf-8"?><service_requests><request>
<service_request_id>293944</service_request_id><service_notice>The City will inspect.</service_notice><account_id />
</request></service_requests>"""

TOKEN_JSON = [{"service_request_id": 638344, "token": "12345"}]
TOKEN_XML = """<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>638344</service_request_id>
<token>12345</token></request></service_requests>"""

REQUESTS_JSON = [
    {
        "service_request_id": 638344,
        "status": "closed",
        "status_notes": "Duplicate request.",
        "service_name": "Sidewalk and Curb Issues",
        "service_code": "006",
        "description": None,
        "agency_responsible": None,
        "service_notice": None,
        "requested_datetime": "2010-04-14T06:37:38-08:00",
        "updated_datetime": "2010-04-14T15:37:38-08:00",
        "expected_datetime": "2010-04-15T06:37:38-08:00",
        "address": "8TH AVE and JUDAH ST",
        "address_id": 545483,
        "zipcode": 94122,
        "lat": 37.762221815,
        "long": -122.4651145,
        "media_url": "http://city.example/638344.jpg",
    }
]
REQUESTS_XML = """<?xml version="1.0" encoding="utf-8"?><service_requests><request>
<service_request_id>638344</service_request_id><status>closed</status><status_notes>Duplicate request.</status_notes>
<service_name>Sidewalk and Curb Issues</service_name><service_code>006</service_code><description />
<agency_responsible /><service_notice /><requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
<updated_datetime>2010-04-14T15:37:38-08:00</updated_datetime><expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
<address>8TH AVE and JUDAH ST</address><address_id>545483</address_id><zipcode>94122</zipcode><lat>37.762221815</lat>
<long>-122.4651145</long><media_url>http://city.example/638344.jpg</media_url></request></service_requests>"""

ERROR_JSON = [{"code": 403, "description": "Invalid api_key received -- can't proceed with create_request."}]
ERROR_XML = """<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code>
<description>Invalid api_key received -- can't proceed with create_request.</description></error></errors>"""

# (root element, JSON example, XML example)
EXAMPLES = {
    "services": ("services", SERVICES_JSON, SERVICES_XML),
    "definition": ("service_definition", DEFINITION_JSON, DEFINITION_XML),
    "posted": ("service_requests", POSTED_JSON, POSTED_XML),
    "token": ("service_requests", TOKEN_JSON, TOKEN_XML),
    "requests": ("service_requests", REQUESTS_JSON, REQUESTS_XML),
    "error": ("errors", ERROR_JSON, ERROR_XML),
}
