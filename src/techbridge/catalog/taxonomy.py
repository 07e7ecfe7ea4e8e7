"""Seeded taxonomies: sectors, the 17 SDGs with 169 targets (data/*.json), TRL 1–9."""

import json
from functools import cache
from importlib import resources

from django.utils import translation


def _data(name: str):
    return json.loads(
        resources.files("techbridge.catalog").joinpath("data", name).read_text("utf-8")
    )


@cache
def trl_levels() -> list[dict]:
    return _data("trl.json")


def trl_label(level: int, language_code: str | None = None) -> str:
    code = language_code or translation.get_language() or "en"
    for row in trl_levels():
        if row["level"] == level:
            return f"TRL {level} · {row['name'].get(code) or row['name']['en']}"
    return f"TRL {level}"


def trl_definition(level: int, language_code: str | None = None) -> str:
    code = language_code or translation.get_language() or "en"
    for row in trl_levels():
        if row["level"] == level:
            return row["definition"].get(code) or row["definition"]["en"]
    return ""


def taxonomy_seed(sector_model, goal_model, target_model) -> dict[str, int]:
    """Creates or updates the taxonomies; takes model classes so migrations can call it."""
    sectors = _data("sectors.json")
    by_code = {}
    for position, row in enumerate(sectors):
        parent = by_code.get(row["parent"]) if row.get("parent") else None
        sector, _created = sector_model.objects.update_or_create(
            code=row["code"],
            defaults={"parent": parent, "names": row["name"], "position": position},
        )
        by_code[row["code"]] = sector
    sdgs = _data("sdgs.json")
    goals = {}
    for row in sdgs["goals"]:
        goal, _created = goal_model.objects.update_or_create(
            number=row["number"], defaults={"titles": row["title"], "short_names": row["short"]}
        )
        goals[row["number"]] = goal
    for position, row in enumerate(sdgs["targets"]):
        target_model.objects.update_or_create(
            code=row["code"],
            defaults={"goal": goals[row["goal"]], "titles": row["title"], "position": position},
        )
    return {"sectors": len(sectors), "goals": len(goals), "targets": len(sdgs["targets"])}
