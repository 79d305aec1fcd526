"""Rules that come from somewhere: shipped named rule files (``rules/*.toml``) and a corpus entry's
extracted parameters (``interregime.domain.parameters.Parameter``)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.quantities import CANONICAL_UNITS, conversion_factor
from interregime.analytics.impact.rules import AllOf, AnyOf, Compare, Node, Rule, parse_rule, render
from interregime.domain.parameters import Comparator, Parameter


@dataclass(frozen=True)
class NamedRule:
    id: str
    text: str
    rule: Rule
    file: str


def named_rules() -> dict[str, NamedRule]:
    """Every shipped rule, keyed by its id in lower case ('3a090.a')."""
    found: dict[str, NamedRule] = {}
    folder = resources.files("interregime.analytics.impact") / "rules"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        where = f"rules/{entry.name}"
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ImpactError(f"{where}: invalid TOML: {exc}") from None
        for index, raw in enumerate(data.get("rule", [])):
            if "id" not in raw or "expression" not in raw:
                raise ImpactError(f"{where}: rule[{index}] needs 'id' and 'expression'")
            found[str(raw["id"]).lower()] = NamedRule(str(raw["id"]), str(raw.get("text", "")),
                                                      parse_rule(str(raw["expression"])), where)
    return found


def resolve_rule(text: str) -> Rule:
    """A shipped rule id ('3A090.a') or an expression."""
    named = named_rules().get(text.strip().lower())
    return named.rule if named else parse_rule(text)


class Combine(StrEnum):
    ANY = "any"
    ALL = "all"


@dataclass(frozen=True)
class ParameterRule:
    rule: Rule
    used: tuple[str, ...]
    unmapped: tuple[str, ...]


def _threshold(value: float, unit: str, characteristic: str, where: str) -> float:
    if not unit.strip():
        return value
    return value * conversion_factor(unit, characteristic, where)


def _parameter_node(parameter: Parameter, characteristic: str, where: str) -> Node | None:
    unit = parameter.unit
    if parameter.comparator == Comparator.RANGE:
        if parameter.low is None or parameter.high is None:
            return None
        low = Compare(characteristic, ">=" if parameter.low_inclusive else ">",
                      _threshold(parameter.low, unit, characteristic, where))
        high = Compare(characteristic, "<=" if parameter.high_inclusive else "<",
                       _threshold(parameter.high, unit, characteristic, where))
        return AllOf((low, high))
    if parameter.value is None:
        return None
    op = "==" if parameter.comparator == Comparator.EQ else str(parameter.comparator.value)
    return Compare(characteristic, op, _threshold(parameter.value, unit, characteristic, where))


def _lookup(characteristic: str, characteristic_map: Mapping[str, str]) -> str | None:
    key = " ".join(characteristic.lower().replace("'", "").split())
    for phrase, target in characteristic_map.items():
        if " ".join(phrase.lower().split()) == key:
            return target
    for phrase, target in characteristic_map.items():
        if " ".join(phrase.lower().split()) in key:
            return target
    return None


def rule_from_parameters(parameters: Iterable[Parameter], characteristic_map: Mapping[str, str],
                         combine: Combine = Combine.ANY, label: str = "parameters") -> ParameterRule:
    """A rule from extracted thresholds: each parameter whose characteristic phrase is in
    ``characteristic_map`` (phrase → catalog characteristic; exact, else contained) becomes a comparison,
    ANDed with its mapped conditions; the comparisons are joined by ``combine``. Parameters that cannot be
    mapped are listed in ``unmapped`` rather than silently dropped."""
    nodes: list[Node] = []
    used: list[str] = []
    unmapped: list[str] = []
    for index, parameter in enumerate(parameters):
        where = f"{label} parameter {index + 1} ({parameter.characteristic!r})"
        target = _lookup(parameter.characteristic, characteristic_map)
        if target is None or target not in CANONICAL_UNITS:
            unmapped.append(parameter.characteristic)
            continue
        node = _parameter_node(parameter, target, where)
        if node is None:
            unmapped.append(parameter.characteristic)
            continue
        for condition in parameter.conditions:
            condition_target = _lookup(condition.characteristic, characteristic_map)
            condition_node = (_parameter_node(condition, condition_target, where)
                              if condition_target in CANONICAL_UNITS and condition_target else None)
            if condition_node is not None:
                node = AllOf((node, condition_node))
        nodes.append(node)
        used.append(parameter.characteristic)
    if not nodes:
        raise ImpactError(f"{label}: no parameter maps to a catalog characteristic "
                          f"(unmapped: {', '.join(unmapped) or 'none'})")
    joined: Node = nodes[0] if len(nodes) == 1 else (AnyOf(tuple(nodes)) if combine == Combine.ANY
                                                     else AllOf(tuple(nodes)))
    return ParameterRule(Rule(render(joined), joined), tuple(used), tuple(unmapped))
