"""The fast schema pass (jsonschema_rs) must accept exactly what jsonschema accepts, or a document it
lets through would skip the check that names the bad field."""
import copy
import json
from pathlib import Path

import pytest

from scheduler.validate import _fast_validator, _validator

DATA = Path(__file__).parent
# data/ and check_data/ hold some identical copies (each suite keeps its own); check each document once.
DOCUMENTS = list({path.read_bytes(): path for path in sorted(DATA.glob("check_data/*.json"))
                  + sorted(DATA.glob("data/*.json"))}.values())


def _broken(document: dict):
    """Copies of `document` with one field removed, mistyped or out of range, at every depth."""
    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                yield path + [key], value
                yield from walk(value, path + [key])
        elif isinstance(node, list):
            for i, value in enumerate(node[:3]):
                yield path + [i], value
                yield from walk(value, path + [i])

    for path, value in walk(document, []):
        for replacement in ("text", -1, 0.3, None, [], {}):
            if replacement == value or type(replacement) is type(value):
                continue
            changed = copy.deepcopy(document)
            parent = changed
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = replacement
            yield changed
        changed = copy.deepcopy(document)
        parent = changed
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
        yield changed


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_and_full_schema_checks_agree(path):
    document = json.loads(path.read_text())
    name = "solution.schema.json" if document.get("format") == "rotawell-solution/1" else "instance.schema.json"
    fast, full = _fast_validator(name), _validator(name)
    checked = 0
    for variant in [document, *_broken(document)]:
        assert fast.is_valid(variant) == full.is_valid(variant), json.dumps(variant)[:300]
        checked += 1
    assert checked > 50  # the mutations reached into the document
