"""Rules that come from somewhere: shipped named rule files (``rules/*.toml``), a corpus entry's
extracted parameters (``interregime.domain.parameters.Parameter``) and a corpus item's tree of sub-items
(:func:`rule_from_item`)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.quantities import CANONICAL_UNITS, conversion_factor
from interregime.analytics.impact.rules import AllOf, AnyOf, Compare, Node, Rule, parse_rule, render
from interregime.domain.corpus import Entry
from interregime.domain.parameters import Combinator, Comparator, ItemLogic, Parameter


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


@dataclass(frozen=True)
class ItemRule:
    """A rule built from an item's tree. ``unmapped`` lists ``"<item>: <characteristic>"`` thresholds that
    name no catalog characteristic (or items with no threshold at all); ``undetermined`` the branches that
    therefore could not be decided and are not counted as capturing; ``not_modelled`` the decontrol notes
    and exclusions of the tree, which are not part of the capture rule."""

    code: str
    rule: Rule
    unmapped: tuple[str, ...]
    undetermined: tuple[str, ...]
    not_modelled: tuple[str, ...]


def _flatten(kind: type[AllOf] | type[AnyOf], nodes: Iterable[Node]) -> Node:
    parts: list[Node] = []
    for node in nodes:
        if isinstance(node, kind):
            parts.extend(node.parts)
        elif node not in parts:
            parts.append(node)
    return parts[0] if len(parts) == 1 else kind(tuple(parts))


class _TreeBuilder:
    def __init__(self, logic: Mapping[str, ItemLogic], characteristic_map: Mapping[str, str]) -> None:
        self.logic = logic
        self.characteristic_map = characteristic_map
        self.unmapped: list[str] = []
        self.undetermined: list[str] = []
        self.not_modelled: list[str] = []

    def threshold(self, code: str, parameter: Parameter) -> Node | None:
        """One threshold with its mapped conditions; ``None`` (recorded) when any part cannot be mapped."""
        where = f"{code} ({parameter.characteristic!r})"
        node: Node | None = None
        target = _lookup(parameter.characteristic, self.characteristic_map)
        if target is not None and target in CANONICAL_UNITS:
            try:
                node = _parameter_node(parameter, target, where)
            except ImpactError:
                node = None
        if node is None:
            self.unmapped.append(f"{code}: {parameter.characteristic}")
            return None
        parts = [node]
        for condition in parameter.conditions:
            condition_node = self.threshold(code, condition)
            if condition_node is None:
                return None
            parts.append(condition_node)
        return _flatten(AllOf, parts)

    def own(self, code: str) -> list[Node] | None:
        """The item's own thresholds (ANDed by the caller); ``None`` when one of them cannot be mapped."""
        logic = self.logic[code]
        if logic.exclusions:
            self.not_modelled.append(f"{code}: exclusion of {', '.join(logic.exclusions)}")
        for decontrol in logic.decontrols:
            note = decontrol.label or " ".join(decontrol.text.split()[:8]) + " …"
            self.not_modelled.append(f"{code}: decontrol note {note!r}")
        nodes = [self.threshold(code, parameter) for parameter in logic.parameters]
        found = [node for node in nodes if node is not None]
        return found if len(found) == len(nodes) else None

    def item(self, code: str) -> Node | None:
        """``own thresholds AND (children combined by the item's logic)``; ``None`` when undetermined."""
        logic = self.logic[code]
        own = self.own(code)
        if not logic.children:
            if own is not None and not own:
                self.unmapped.append(f"{code}: no measurable threshold")
                return None
            return None if own is None else _flatten(AllOf, own)
        children = [(child, self.item(child)) for child in logic.children if child in self.logic]
        combined: Node | None
        if logic.combinator == Combinator.ALL:
            combined = (None if any(node is None for _, node in children)
                        else _flatten(AllOf, [node for _, node in children if node is not None]))
        else:
            kept = [node for _, node in children if node is not None]
            combined = _flatten(AnyOf, kept) if kept else None
            if kept:
                self.undetermined.extend(child for child, node in children if node is None)
        if own is None or combined is None:
            return None
        return _flatten(AllOf, [*own, combined])


def _ancestors(logic: Mapping[str, ItemLogic], code: str) -> list[str]:
    parent_of = {child: parent.code for parent in logic.values() for child in parent.children}
    chain: list[str] = []
    while code in parent_of:
        code = parent_of[code]
        chain.insert(0, code)
    return chain


def rule_from_item(entry: Entry, code: str, characteristic_map: Mapping[str, str],
                   decimal_comma: bool = False) -> ItemRule:
    """A rule from the tree of item ``code`` of ``entry`` (the entry's own code for the whole entry).

    Uses the item logic of :func:`interregime.analytics.parameters.logic.entry_logic`: an item's own
    thresholds are ANDed with its children, which are combined by the item's combinator (``all`` → and;
    ``any``/``either`` → or). The thresholds of the item's ancestors qualify it and are ANDed in front.
    Characteristics are mapped by ``characteristic_map`` (phrase → catalog characteristic). A threshold that
    maps to no catalog characteristic, or a leaf without thresholds, makes its branch undetermined: an
    undetermined alternative is left out of its ``or`` (it captures nothing that can be shown), and an
    undetermined conjunct makes the whole ``and`` undetermined (three-valued logic). Decontrol notes and
    exclusions are listed in ``not_modelled``, not applied."""
    from interregime.analytics.parameters.logic import entry_logic

    logic = entry_logic(entry, decimal_comma)
    if code not in logic:
        raise ImpactError(f"{entry.code} has no item {code!r} (items: {', '.join(list(logic)[:12])})")
    builder = _TreeBuilder(logic, characteristic_map)
    parts: list[Node] = []
    determined = True
    for ancestor in _ancestors(logic, code):
        own = builder.own(ancestor)
        determined = determined and own is not None
        parts.extend(own or [])
    node = builder.item(code)
    if node is None or not determined:
        raise ImpactError(f"{code}: the rule is undetermined: no branch maps to catalog characteristics "
                          f"(unmapped: {'; '.join(dict.fromkeys(builder.unmapped)) or 'none'})")
    joined = _flatten(AllOf, [*parts, node])
    return ItemRule(code, Rule(render(joined), joined), tuple(dict.fromkeys(builder.unmapped)),
                    tuple(dict.fromkeys(builder.undetermined)), tuple(dict.fromkeys(builder.not_modelled)))
