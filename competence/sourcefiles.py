"""Reading content files with line numbers, and the Problem that content checks report.

YAML is composed into nodes first, so every key and list item keeps the line it was written on;
a checker can then point at `file:line` for any value it rejects.
"""

from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, shown as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class YAMLProblem(Exception):
    """The YAML text could not be read; `line` is the line in the file, `message` what went wrong."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Located:
    """Data read from YAML together with the line of each key and list item.

    `lines` maps a path of keys and indexes, e.g. ("units", 0, "osp"), to its line in the file.
    """

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    start: int = 1
    duplicate_keys: list[tuple[tuple, int]] = field(default_factory=list)

    def line(self, *path) -> int:
        """The line of `path`, or of its nearest ancestor that has one, or the first line."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.start


def load_yaml(text: str, first_line: int = 1) -> Located:
    """Parse one YAML document whose first line is line `first_line` of its file.

    Raises YAMLProblem with the file line of the error. An empty document gives `data=None`.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, start=first_line)
        data = loader.construct_document(node)
        located = Located(data, start=first_line)
        _walk(loader, node, (), located, first_line - 1, frozenset())
        return located
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        raise YAMLProblem(line, ": ".join(filter(None, [error.context, error.problem]))) from error
    except yaml.YAMLError as error:
        raise YAMLProblem(first_line, str(error)) from error
    finally:
        loader.dispose()


def _walk(loader, node, path: tuple, located: Located, offset: int, above: frozenset) -> None:
    if id(node) in above:  # an alias that contains itself
        return
    above = above | {id(node)}
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue
            key_path = (*path, key)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                located.duplicate_keys.append((key_path, line))
            seen.add(key)
            located.lines.setdefault(key_path, line)
            _walk(loader, value_node, key_path, located, offset, above)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            located.lines[item_path] = item.start_mark.line + 1 + offset
            _walk(loader, item, item_path, located, offset, above)
