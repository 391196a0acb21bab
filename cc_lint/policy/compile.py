"""Compile YAML conditions and message templates into whole-batch Arrow operations.

A condition becomes either a constant (conditions on the declared uses and on
run constants fold away at compile time) or a function batch -> boolean array
without nulls. A comparison with an unknown (null) value is false; use
`is: null` or `present: false` to test for unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from cc_lint import arrays
from cc_lint import compute as pc
from cc_lint.errors import ConfigError
from cc_lint.policy.fields import FIELDS, USES, Field

Mask = Callable[[pa.RecordBatch], pa.Array]
Compiled = bool | Mask
Where = Callable[[Sequence[str | int]], str]

_ARROW_TYPES = {"string": pa.string(), "bool": pa.bool_(), "int": pa.int64()}
_COMPARE = {"lt": pc.less, "le": pc.less_equal, "gt": pc.greater, "ge": pc.greater_equal}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def column(batch: pa.RecordBatch, field: Field, n: int | None = None) -> pa.Array:
    """The field's column, or all-null when this batch does not carry it."""
    index = batch.schema.get_field_index(field.name)
    if index < 0:
        return pa.nulls(batch.num_rows if n is None else n, _ARROW_TYPES[field.type])
    return batch.column(index)


@dataclass(frozen=True)
class Context:
    uses: frozenset[str]
    constants: Mapping[str, Any]
    where: Where


def _value(field: Field, value: Any, ctx: Context, path: Sequence[str | int]) -> Any:
    if value is None:
        return None
    if field.type == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{field.name} is a boolean; {value!r} is not", where=ctx.where(path))
        return value
    if field.type == "int":
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ConfigError(
                f"{field.name} is an integer; {value!r} is not", where=ctx.where(path)
            )
        return int(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fold(field: Field, op: str, arg: Any, value: Any) -> bool:
    """Evaluate a leaf on a run constant."""
    if op == "present":
        return bool((value is not None) == arg)
    if op == "is":
        return value is arg if arg is None else value == arg
    if value is None:
        return False
    if op == "equals":
        return bool(value == arg)
    if op == "in":
        return value in arg
    if op == "matches":
        return re.search(arg, str(value)) is not None
    return bool({"lt": value < arg, "le": value <= arg, "gt": value > arg, "ge": value >= arg}[op])


def _leaf(cond: Mapping[str, Any], ctx: Context, path: list[str | int]) -> Compiled:
    name = cond["field"]
    field = FIELDS.get(name)
    if field is None:
        raise ConfigError(
            f"unknown field {name!r}",
            where=ctx.where([*path, "field"]),
            hint="`cc-lint rules --fields` lists the fields",
        )
    (op,) = (k for k in cond if k != "field")
    raw = cond[op]
    arg: Any
    if op == "in":
        arg = [_value(field, v, ctx, [*path, op]) for v in raw]
    elif op in ("present", "matches"):
        arg = raw
    else:
        arg = _value(field, raw, ctx, [*path, op])
    if op == "matches":
        try:
            re.compile(arg)
            pc.match_substring_regex(pa.array([""]), arg)
        except (re.error, pa.ArrowInvalid) as err:
            raise ConfigError(
                f"bad regular expression: {err}", where=ctx.where([*path, op])
            ) from None
    if field.name in ctx.constants:
        return _fold(field, op, arg, ctx.constants[field.name])
    return _mask(field, op, arg)


def _per_value(values: pa.Array, test: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """Apply a value test; on a dictionary column, once per distinct value (a null
    index, like a null value, is unknown: the test is false)."""
    if pa.types.is_dictionary(values.type):
        return pc.fill_null(pc.take(test(values.dictionary), values.indices), False)
    return pc.fill_null(test(values), False)


def _mask(field: Field, op: str, arg: Any) -> Mask:
    typ = _ARROW_TYPES[field.type]

    def present(batch: pa.RecordBatch) -> pa.Array:
        return _per_value(column(batch, field), pc.is_valid)

    def absent(batch: pa.RecordBatch) -> pa.Array:
        return pc.invert(present(batch))

    if op == "present":
        return present if arg else absent
    if op == "is" and arg is None:
        return absent
    if op == "is" and field.type == "bool":
        if arg:
            return lambda batch: _per_value(column(batch, field), lambda v: v)
        return lambda batch: _per_value(column(batch, field), pc.invert)
    if op in ("is", "equals"):
        scalar = pa.scalar(arg, typ)
        return lambda batch: _per_value(column(batch, field), lambda v: pc.equal(v, scalar))
    if op == "in":
        values = pa.array([v for v in arg if v is not None], typ)
        member = lambda batch: _per_value(  # noqa: E731
            column(batch, field), lambda v: pc.is_in(v, value_set=values)
        )
        if None not in arg:
            return member
        return lambda batch: pc.or_(member(batch), absent(batch))
    if op == "matches":
        return lambda batch: _per_value(
            column(batch, field), lambda v: pc.match_substring_regex(v, arg)
        )
    compare = _COMPARE[op]
    scalar = pa.scalar(arg, typ)
    return lambda batch: _per_value(column(batch, field), lambda v: compare(v, scalar))


def condition_fields(cond: Mapping[str, Any]) -> set[str]:
    """Every field a condition names."""
    if "field" in cond:
        return {cond["field"]}
    out: set[str] = set()
    for key in ("all", "any"):
        for sub in cond.get(key, []):
            out |= condition_fields(sub)
    if "not" in cond:
        out |= condition_fields(cond["not"])
    return out


def compile_condition(cond: Mapping[str, Any], ctx: Context, path: list[str | int]) -> Compiled:
    if "use" in cond:
        wanted = cond["use"] if isinstance(cond["use"], list) else [cond["use"]]
        return any(u in ctx.uses for u in wanted)
    if "not" in cond:
        inner = compile_condition(cond["not"], ctx, [*path, "not"])
        if isinstance(inner, bool):
            return not inner
        return lambda batch: pc.invert(inner(batch))
    for key, combine, neutral in (("all", pc.and_, True), ("any", pc.or_, False)):
        if key in cond:
            parts: list[Mask] = []
            for i, sub in enumerate(cond[key]):
                c = compile_condition(sub, ctx, [*path, key, i])
                if isinstance(c, bool):
                    if c != neutral:
                        return c  # false in `all`, true in `any`: decided
                    continue
                parts.append(c)
            if not parts:
                return neutral
            return _combine(parts, combine)
    return _leaf(cond, ctx, path)


def split_condition(
    cond: Mapping[str, Any], ctx: Context, path: list[str | int], group: Callable[[str], bool]
) -> tuple[Compiled, Compiled]:
    """(group part, rest) of a condition, whose conjunction is the condition: the
    group part holds the top-level `all` terms that read only fields in the group."""
    terms = list(enumerate(cond["all"])) if "all" in cond else [(None, cond)]
    grouped: list[Mask] = []
    rest: list[Mask] = []
    for i, term in terms:
        where = path if i is None else [*path, "all", i]
        compiled = compile_condition(term, ctx, where)
        if compiled is False:
            return False, False
        if compiled is True:
            continue
        names = [f for f in condition_fields(term) if f not in ctx.constants]
        (grouped if names and all(group(f) for f in names) else rest).append(compiled)
    return (_combine(grouped, pc.and_) if grouped else True), (
        _combine(rest, pc.and_) if rest else True
    )


def _combine(parts: list[Mask], combine: Callable[[pa.Array, pa.Array], pa.Array]) -> Mask:
    if len(parts) == 1:
        return parts[0]

    def mask(batch: pa.RecordBatch) -> pa.Array:
        result = parts[0](batch)
        for part in parts[1:]:
            result = combine(result, part(batch))
        return result

    return mask


@dataclass(frozen=True)
class Template:
    """A message template split into literal text and field names."""

    pieces: tuple[tuple[bool, str], ...]  # (is_field, text)

    def fields(self) -> list[str]:
        return [text for is_field, text in self.pieces if is_field]

    def render(self, batch: pa.RecordBatch, constants: Mapping[str, Any], n: int) -> pa.Array:
        """Render for every row of batch; each distinct combination of values once.

        Returns a dictionary array: messages repeat, and reporters can encode
        each distinct message once. `n` is the number of rows (batch may have no columns).
        """
        names = list(dict.fromkeys(t for f, t in self.pieces if f and t not in constants))
        if not names:
            text = self._format({}, constants)
            return pa.DictionaryArray.from_arrays(
                arrays.constant(0, n, pa.int32()), pa.array([text], pa.string())
            )
        distinct: list[list[str | None]] = []
        codes: list[pa.Array] = []
        for name in names:
            words, index = _codes(column(batch, FIELDS[name], n))
            distinct.append(words)
            codes.append(index)
        if len(names) == 1:
            # One field: render its distinct values, keep its indices.
            texts = [self._format({names[0]: w}, constants) for w in distinct[0]]
            return pa.DictionaryArray.from_arrays(
                pc.cast(codes[0], pa.int32()), pa.array(texts, pa.string())
            )
        # One integer code per distinct combination of the referenced values.
        key = codes[0]
        for words, index in zip(distinct[1:], codes[1:], strict=True):
            key = pc.add(pc.multiply(key, pa.scalar(len(words), pa.int64())), index)
        combos = pc.dictionary_encode(key)
        texts = []
        for code in combos.dictionary.to_pylist():
            values_by_name: dict[str, str | None] = {}
            for name, words in zip(reversed(names), reversed(distinct), strict=True):
                code, i = divmod(code, len(words))
                values_by_name[name] = words[i]
            texts.append(self._format(values_by_name, constants))
        return pa.DictionaryArray.from_arrays(
            pc.cast(combos.indices, pa.int32()), pa.array(texts, pa.string())
        )

    def _format(self, values: Mapping[str, str | None], constants: Mapping[str, Any]) -> str:
        out = []
        for is_field, text in self.pieces:
            if not is_field:
                out.append(text)
                continue
            value = constants[text] if text in constants else values.get(text)
            out.append("unknown" if value is None else _text(value))
        return "".join(out)


def _codes(values: pa.Array) -> tuple[list[str | None], pa.Array]:
    """Distinct values as text (None last, for unknown) and each row's int64 index."""
    if not pa.types.is_dictionary(values.type):
        if not pa.types.is_string(values.type):
            values = pc.cast(values, pa.string())
        values = pc.dictionary_encode(values)
    dictionary = values.dictionary
    if not pa.types.is_string(dictionary.type):
        dictionary = pc.cast(dictionary, pa.string())
    words: list[str | None] = [*dictionary.to_pylist(), None]
    index = pc.fill_null(pc.cast(values.indices, pa.int64()), len(words) - 1)
    return words, index


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def compile_template(text: str, ctx: Context, path: list[str | int]) -> Template:
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.start() > pos:
            pieces.append((False, text[pos : m.start()]))
        name = m.group(1).strip()
        if name not in FIELDS:
            raise ConfigError(
                f"message names unknown field {{{name}}}",
                where=ctx.where(path),
                hint="`cc-lint rules --fields` lists the fields",
            )
        pieces.append((True, name))
        pos = m.end()
    if pos < len(text):
        pieces.append((False, text[pos:]))
    return Template(tuple(pieces))


def validate_uses(uses: Sequence[str]) -> None:
    for use in uses:
        if use not in USES:
            raise ConfigError(f"unknown use {use!r}", hint="uses: " + ", ".join(USES))
