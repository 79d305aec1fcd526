"""Country names as the sources spell them → ISO 3166 alpha-2 states (pycountry), plus the EU."""

from __future__ import annotations

import pycountry

from interregime.domain.regimes import State

EUROPEAN_UNION = State("EU", "European Union")

# Spellings pycountry's exact lookup does not know, or knows under another name.
_ALIASES: dict[str, str] = {
    "south korea": "KR",
    "republic of korea": "KR",
    "korea, south": "KR",
    "north korea": "KP",
    "russia": "RU",
    "soviet union": "RU",
    "turkey": "TR",
    "türkiye": "TR",
    "czech republic": "CZ",
    "china": "CN",
    "china (prc)": "CN",
    "people's republic of china": "CN",
    "united states": "US",
    "united states of america": "US",
    "iran": "IR",
    "syria": "SY",
    "taiwan": "TW",
    "vietnam": "VN",
    "moldova": "MD",
    "bolivia": "BO",
    "venezuela": "VE",
    "laos": "LA",
    "tanzania": "TZ",
}
_EU_NAMES = {"european union", "european commission", "eu"}
# Short names where pycountry's is the formal one.
_DISPLAY: dict[str, str] = {"RU": "Russia", "SY": "Syria", "VN": "Vietnam", "LA": "Laos"}


def state_for(name: str) -> State | None:
    """The state ``name`` refers to, or None if neither the aliases nor pycountry know it."""
    key = " ".join(name.split()).strip().casefold()
    if key in _EU_NAMES:
        return EUROPEAN_UNION
    code = _ALIASES.get(key)
    try:
        country = pycountry.countries.get(alpha_2=code) if code else pycountry.countries.lookup(key)
    except LookupError:
        return None
    if country is None:
        return None
    display = _DISPLAY.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
    return State(country.alpha_2, display)
