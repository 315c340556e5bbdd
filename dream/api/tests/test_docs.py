"""docs/api.md names every path of the schema and every field the API sends or takes."""

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[3] / "docs" / "api.md"


def test_every_path_and_field_is_documented(api, db):
    schema = api.get("/api/v1/openapi.json").json()
    doc = DOC.read_text(encoding="utf-8")
    documented_paths = set(re.findall(r"`(?:GET|POST|PATCH|PUT|DELETE) (/api/v1/[^`?\s]*)", doc))
    fields = {
        name
        for component in schema["components"]["schemas"].values()
        for name in component.get("properties", {})
    }

    assert set(schema["paths"]) - documented_paths == set()
    assert {field for field in fields if f"`{field}`" not in doc} == set()
