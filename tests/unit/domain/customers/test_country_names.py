"""Countries are read from the names the sales teams write them in: English, French and
Danish, as every door's identity rule reads them."""

from __future__ import annotations

import pytest

from domain.customers import identity


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Danmark", "DK"),
        ("Tyskland", "DE"),
        ("Frankrig", "FR"),
        ("Sverige", "SE"),
        ("Norge", "NO"),
        ("Storbritannien", "GB"),
        ("Færøerne", "FO"),
        ("grønland", "GL"),
        ("Danemark", "DK"),
        ("Allemagne", "DE"),
        ("Denmark", "DK"),
        ("dk", "DK"),
    ],
)
def test_a_country_name_in_english_french_or_danish_is_its_code(written: str, code: str) -> None:
    assert identity.judge_country(written) == code


def test_a_name_in_no_language_is_still_refused() -> None:
    judged = identity.judge_country("Narnia")
    assert isinstance(judged, identity.Refusal)
    assert judged.code == "identity.country_unknown"
