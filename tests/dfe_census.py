"""The DfE's Children in Need census schema, kept beside the project, and Data to Insight's
validator (csc-validator-be-cin, ruleset cin2025_26) run on a census file: for tests that check
the toolkit's own census rules agree with it."""

import os
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd


def cin_schema() -> Path:
    """CIN_schema_2026.xsd (../shared/reference/cin beside the project), or CIN_REFERENCE's."""
    places = [
        os.environ.get("CIN_REFERENCE", ""),
        Path(__file__).resolve().parents[1].parent / "shared/reference/cin",
        "/work/shared/reference/cin",
    ]
    found = (Path(p) / "CIN_schema_2026.xsd" for p in places if p)
    schema = next((path for path in found if path.is_file()), None)
    assert schema, f"CIN_schema_2026.xsd not found in any of {places}: set CIN_REFERENCE"
    return schema


def dfe_findings(census: bytes) -> pd.DataFrame:
    """What the validator finds about each child: a row per finding, with the columns
    child_id (the LAchildID) and rule_code. Its pandas calls warn, which is not ours to fix."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from cin_validator import cin_validator
        from cin_validator.rules.cin2025_26 import registry

        root = ET.fromstring(census)  # noqa: S314  (a file the toolkit just wrote)
        data = cin_validator.process_data(cin_validator.convert_data(root))
        validator = cin_validator.CinValidator(data, registry)
    return validator.full_issue_df
