"""Candidate controls as boolean expressions over characteristics, parsed without ``eval``.

Grammar (keywords case-insensitive)::

    rule       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | "(" rule ")" | comparison
    comparison := operand CMP operand [CMP operand]      e.g. tpp >= 4800, 1600 <= tpp < 4800
    operand    := NAME | NUMBER [UNIT]                   e.g. build_volume >= 0.1 m^3
    CMP        := >= | > | <= | < | == | = | != | ≥ | ≤

A number without a unit is read in the characteristic's canonical unit (``quantities.CANONICAL_UNITS``);
a number with a unit is converted to it, and an incompatible unit is an error naming its position.
Missing values are unknown: ``tpp >= 4800`` is neither true nor false for an item without TPP, ``or``/``and``
follow three-valued logic, and an item is captured only when the rule is definitely true.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.quantities import CANONICAL_UNITS, conversion_factor


@dataclass(frozen=True)
class Compare:
    characteristic: str
    op: str
    value: float
    position: int = 0


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Negation:
    part: Node


Node = Compare | AllOf | AnyOf | Negation


@dataclass(frozen=True)
class Rule:
    text: str
    node: Node

    @property
    def characteristics(self) -> list[str]:
        return sorted({c.characteristic for c in comparisons(self.node)})


def comparisons(node: Node) -> list[Compare]:
    if isinstance(node, Compare):
        return [node]
    if isinstance(node, Negation):
        return comparisons(node.part)
    return [c for part in node.parts for c in comparisons(part)]


_OPS = {">=": ">=", ">": ">", "<=": "<=", "<": "<", "==": "==", "=": "==", "!=": "!=", "≥": ">=", "≤": "<="}
_FLIPPED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}
_KEYWORDS = {"and", "or", "not"}
_WORD = r"[A-Za-zµμ°%Ω][A-Za-z0-9_µμ°%Ω]*(?:\s*(?:\^|\*\*)\s*-?\d+)?"
_UNIT = re.compile(rf"{_WORD}(?:\s*[*/·]\s*{_WORD})*")
_TOKEN = re.compile(
    r"\s*(?:(?P<number>[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)"
    r"|(?P<op>>=|<=|==|!=|≥|≤|>|<|=)|(?P<paren>[()])|(?P<name>[A-Za-z_][A-Za-z0-9_.]*))"
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    position: int
    unit: str = ""


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None or match.lastgroup is None:
            start = len(text) - len(text[position:].lstrip())
            raise ImpactError(f"rule error at position {start + 1}: unexpected {text[start]!r} in {text!r}")
        kind, start = match.lastgroup, match.start(match.lastgroup)
        value = match.group(kind)
        position = match.end()
        unit = ""
        if kind == "number":
            unit_match = _UNIT.match(text, len(text) - len(text[position:].lstrip()))
            if unit_match and unit_match.group(0).split()[0].lower() not in _KEYWORDS:
                unit, position = unit_match.group(0), unit_match.end()
        elif kind == "name" and value.lower() in _KEYWORDS:
            kind = value.lower()
        tokens.append(_Token(kind, value, start + 1, unit))
    return tokens


class _Parser:
    def __init__(self, text: str, units: Mapping[str, str]) -> None:
        self.text = text
        self.units = units
        self.tokens = _tokens(text)
        self.index = 0

    def fail(self, message: str, token: _Token | None = None) -> ImpactError:
        position = token.position if token else len(self.text) + 1
        return ImpactError(f"rule error at position {position}: {message} in {self.text!r}")

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise self.fail("unexpected end of rule")
        self.index += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            raise self.fail("empty rule")
        node = self.or_expr()
        extra = self.peek()
        if extra is not None:
            raise self.fail(f"unexpected {extra.text!r}", extra)
        return node

    def _chain(self, word: str, inner: Callable[[], Node]) -> list[Node]:
        parts = [inner()]
        while (token := self.peek()) is not None and token.kind == word:
            self.take()
            parts.append(inner())
        return parts

    def or_expr(self) -> Node:
        parts = self._chain("or", self.and_expr)
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def and_expr(self) -> Node:
        parts = self._chain("and", self.not_expr)
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def not_expr(self) -> Node:
        token = self.take()
        if token.kind == "not":
            return Negation(self.not_expr())
        if token.kind == "paren" and token.text == "(":
            node = self.or_expr()
            closing = self.peek()
            if closing is None or closing.text != ")":
                raise self.fail("missing ')'", closing)
            self.take()
            return node
        self.index -= 1
        return self.comparison()

    def operand(self) -> _Token:
        token = self.take()
        if token.kind not in ("name", "number"):
            raise self.fail(f"expected a characteristic or a number, got {token.text!r}", token)
        if token.kind == "name" and token.text not in self.units:
            known = ", ".join(sorted(self.units))
            raise self.fail(f"unknown characteristic {token.text!r} (known: {known})", token)
        return token

    def comparator(self) -> _Token | None:
        token = self.peek()
        if token is None or token.kind != "op":
            return None
        return self.take()

    def comparison(self) -> Node:
        left = self.operand()
        op = self.comparator()
        if op is None:
            raise self.fail(f"expected a comparator after {left.text!r}", self.peek())
        right = self.operand()
        first = self._compare(left, op, right)
        second_op = self.comparator()
        if second_op is None:
            return first
        return AllOf((first, self._compare(right, second_op, self.operand())))

    def _compare(self, left: _Token, op: _Token, right: _Token) -> Compare:
        symbol = _OPS[op.text]
        if left.kind == right.kind:
            raise self.fail("a comparison needs one characteristic and one number", op)
        name, number = (left, right) if left.kind == "name" else (right, left)
        if name is right:
            symbol = _FLIPPED[symbol]
        value = float(number.text)
        if number.unit:
            where = f"rule error at position {number.position}"
            value *= conversion_factor(number.unit, name.text, where)
        return Compare(name.text, symbol, value, name.position)


def parse_rule(text: str, units: Mapping[str, str] | None = None) -> Rule:
    """Parse ``text``; ``units`` (characteristic → canonical unit) defaults to every known characteristic."""
    return Rule(text, _Parser(text, units if units is not None else CANONICAL_UNITS).parse())


def check_characteristics(rule: Rule, available: list[str], catalog: str) -> None:
    for compare in comparisons(rule.node):
        if compare.characteristic not in available:
            raise ImpactError(
                f"rule error at position {compare.position}: catalog {catalog!r} has no characteristic "
                f"{compare.characteristic!r} (has: {', '.join(sorted(set(available) & set(CANONICAL_UNITS)))})"
            )


def _compare_expr(compare: Compare) -> pl.Expr:
    column, value = pl.col(compare.characteristic), pl.lit(compare.value)
    table: dict[str, Callable[[], pl.Expr]] = {
        ">=": lambda: column >= value, ">": lambda: column > value, "<=": lambda: column <= value,
        "<": lambda: column < value, "==": lambda: column == value, "!=": lambda: column != value,
    }
    return table[compare.op]()


def to_polars(node: Node) -> pl.Expr:
    """Three-valued polars expression (null = unknown); use :func:`captured_expr` for the final mask."""
    if isinstance(node, Compare):
        return _compare_expr(node)
    if isinstance(node, Negation):
        return ~to_polars(node.part)
    exprs = [to_polars(part) for part in node.parts]
    return pl.all_horizontal(exprs) if isinstance(node, AllOf) else pl.any_horizontal(exprs)


def captured_expr(rule: Rule) -> pl.Expr:
    return to_polars(rule.node).fill_null(False).alias("captured")


def render(node: Node) -> str:
    """The rule as an expression this parser reads back (values in canonical units)."""
    if isinstance(node, Compare):
        return f"{node.characteristic} {node.op} {node.value:.6g}"
    if isinstance(node, Negation):
        return f"not ({render(node.part)})"
    joiner = " and " if isinstance(node, AllOf) else " or "
    return joiner.join(f"({render(p)})" if isinstance(p, AllOf | AnyOf) else render(p) for p in node.parts)


def evaluate_row(node: Node, row: Mapping[str, float | None]) -> bool | None:
    """Plain-Python three-valued evaluation of one item (reference implementation and benchmark baseline)."""
    if isinstance(node, Compare):
        value = row.get(node.characteristic)
        if value is None or value != value:
            return None
        op = node.op
        return (value >= node.value if op == ">=" else value > node.value if op == ">"
                else value <= node.value if op == "<=" else value < node.value if op == "<"
                else value == node.value if op == "==" else value != node.value)
    if isinstance(node, Negation):
        inner = evaluate_row(node.part, row)
        return None if inner is None else not inner
    results = [evaluate_row(part, row) for part in node.parts]
    decisive = isinstance(node, AnyOf)
    if decisive in results:
        return decisive
    return None if None in results else not decisive
