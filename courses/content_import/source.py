"""Reading content/courses into a tree of source files: front matter with line numbers, and bodies.

Only the layout is checked here (file and folder names, front matter that parses, variants that
have a main file); what the front matter says is checked by checker.py.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from competence.frameworks import shown_path
from competence.sourcefiles import Located, Problem, YAMLProblem, load_yaml

VARIANTS = ("selko", "en", "sv")
_VARIANT = r"(?:\.(?P<variant>[a-z]+))?\.md"
STEP_FILE = re.compile(r"(?P<stem>\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)" + _VARIANT)
MODULE_FILE = re.compile(r"(?P<stem>module)" + _VARIANT)
COURSE_FILE = re.compile(r"(?P<stem>course)" + _VARIANT)
FOLDER = re.compile(r"\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
NAMING = "names follow NN-name.md (variants NN-name.selko.md, .en.md, .sv.md; lowercase a-z, 0-9, -)"


@dataclass
class SourceFile:
    """One Markdown file: its front matter (with lines) and its body."""

    path: Path
    shown: str
    meta: Located
    body: str = ""
    body_line: int = 1
    variant: str | None = None

    @property
    def data(self) -> dict:
        return self.meta.data if isinstance(self.meta.data, dict) else {}

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def line(self, *path) -> int:
        return self.meta.line(*path)

    def problem(self, message: str, *path) -> Problem:
        return Problem(self.shown, self.line(*path), message)


@dataclass
class Item:
    """A course, module or step: its main file and its variants by name ("selko", "en", "sv")."""

    name: str
    main: SourceFile | None = None
    variants: dict[str, SourceFile] = field(default_factory=dict)
    unreadable: bool = False  # the main file is there but could not be read (reported already)


@dataclass
class ModuleSource(Item):
    steps: list[Item] = field(default_factory=list)


@dataclass
class CourseSource(Item):
    modules: list[ModuleSource] = field(default_factory=list)


@dataclass
class ContentTree:
    root: Path
    courses: list[CourseSource] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def source_files(self):
        """Every readable main and variant file in the tree."""
        for course in self.courses:
            for item in [course, *course.modules, *(s for m in course.modules for s in m.steps)]:
                yield from filter(None, [item.main, *item.variants.values()])


def read_content(root: Path) -> ContentTree:
    """Read `root/courses/<slug>/`: course.md, NN-module/module.md and NN-step.md files."""
    tree = ContentTree(root)
    folder = root / "courses"
    if not folder.is_dir():
        return tree
    for course_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        if not SLUG.fullmatch(course_dir.name):
            tree.problems.append(Problem(shown_path(course_dir, root), 1,
                                         "a course folder name is lowercase a-z, 0-9 and -"))
            continue
        tree.courses.append(_read_course(course_dir, tree))
    return tree


def _read_course(folder: Path, tree: ContentTree) -> CourseSource:
    course = CourseSource(folder.name)
    for path in sorted(folder.iterdir()):
        if path.is_dir():
            if FOLDER.fullmatch(path.name):
                course.modules.append(_read_module(path, tree))
            else:
                _naming(path, tree, "a module folder is named NN-name (lowercase a-z, 0-9, -)")
        elif path.suffix == ".md":
            _add_file(course, path, COURSE_FILE, tree)
    _require_main(course, folder / "course.md", tree)
    return course


def _read_module(folder: Path, tree: ContentTree) -> ModuleSource:
    module = ModuleSource(folder.name)
    steps: dict[str, Item] = {}
    for path in sorted(folder.iterdir()):
        if path.is_dir():
            _naming(path, tree, "a module folder holds files only, not folders")
        elif path.suffix != ".md":
            continue  # images and other media sit beside the Markdown
        elif MODULE_FILE.fullmatch(path.name):
            _add_file(module, path, MODULE_FILE, tree)
        else:
            match = STEP_FILE.fullmatch(path.name)
            if match is None:
                _naming(path, tree, NAMING)
                continue
            _add_file(steps.setdefault(match["stem"], Item(match["stem"])), path, STEP_FILE, tree)
    _require_main(module, folder / "module.md", tree)
    for stem in sorted(steps):
        if steps[stem].main is not None:
            module.steps.append(steps[stem])
        elif not steps[stem].unreadable:
            for variant in steps[stem].variants.values():
                tree.problems.append(Problem(variant.shown, 1, f"variant without a main file {stem}.md"))
    return module


def _add_file(item: Item, path: Path, pattern: re.Pattern, tree: ContentTree) -> None:
    match = pattern.fullmatch(path.name)
    if match is None:
        _naming(path, tree, NAMING)
        return
    variant = match["variant"]
    if variant is not None and variant not in VARIANTS:
        _naming(path, tree, f"unknown variant .{variant}.md (known: .selko.md, .en.md, .sv.md)")
        return
    source = read_source(path, tree.root, tree.problems)
    if source is None:
        item.unreadable = item.unreadable or variant is None
        return
    source.variant = variant
    if variant is None:
        item.main = source
    else:
        item.variants[variant] = source


def _require_main(item: Item, path: Path, tree: ContentTree) -> None:
    if item.main is None and not item.unreadable:
        tree.problems.append(Problem(shown_path(path, tree.root), 1, f"missing {path.name}"))
    if item.main is None:
        item.variants.clear()  # the variants have nothing to be a variant of


def _naming(path: Path, tree: ContentTree, message: str) -> None:
    tree.problems.append(Problem(shown_path(path, tree.root), 1, message))


def read_source(path: Path, root: Path, problems: list[Problem]) -> SourceFile | None:
    """Split a Markdown file into front matter and body; None (and a Problem) when unreadable."""
    shown = shown_path(path, root)
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        problems.append(Problem(shown, 1, "the file is not UTF-8 text"))
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(shown, 1, "missing front matter: the file starts with a line ---"))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problems.append(Problem(shown, 1, "the front matter is not closed with a line ---"))
        return None
    try:
        meta = load_yaml("".join(lines[1:end]), first_line=2)
    except YAMLProblem as error:
        problems.append(Problem(shown, error.line, f"bad front matter: {error.message}"))
        return None
    if not isinstance(meta.data, dict):
        problems.append(Problem(shown, 2, "the front matter is a mapping of keys and values"))
        return None
    meta.start = 1
    for key_path, line in meta.duplicate_keys:
        problems.append(Problem(shown, line, f"duplicate key {key_path[-1]!r}"))
    return SourceFile(path, shown, meta, "".join(lines[end + 1:]), end + 2)
