"""`flask content check`: every problem in content/ as `file:line: message`.

Runs the framework validation, reads the course tree and checks what the front matter says: codes
unique across the content, objectives known and covered by their module, activity settings, variants
that match their main file, and images and relative links that point at files beside the Markdown.

Warnings point at what learners need but the import does without: a lesson page over
LESSON_WORDS_MAX words, a lesson without a plain-language version, a module or step without a
Swedish or English version, a picture without a text alternative.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from app.core.i18n import LANGUAGES
from competence.frameworks import CODE_PATTERN, FrameworkSet, read_frameworks
from competence.sourcefiles import Problem
from courses.content_import.markdown import (
    PLACEHOLDER,
    PLACEHOLDERS,
    images,
    is_relative_path,
    references,
    word_count,
)
from courses.content_import.source import ContentTree, CourseSource, Item, ModuleSource, SourceFile, read_content
from courses.content_import.step_settings import check_quiz_variant, check_settings, check_sources, step_kind
from courses.models import StepKind

__all__ = ["CheckedContent", "check_content", "inspect_content"]

TITLE_MAX = 200
LESSON_WORDS_MAX = 200  # one short thing per page for learners with reading or concentration difficulties
LANGUAGE_VARIANTS = ("sv", "en")
_SVG_TITLE = re.compile(r"<title\b[^>]*>\s*[^<\s]", re.IGNORECASE)


@dataclass
class CheckedContent:
    """The content as read, every problem found in it and every warning (sorted by file and line)."""

    tree: ContentTree
    frameworks: FrameworkSet
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def file_count(self) -> int:
        """How many framework and Markdown files were read."""
        return len(self.frameworks.files) + sum(1 for _ in self.tree.source_files())


def check_content(root: Path) -> list[Problem]:
    """Every problem in the frameworks and courses under `root` (the content folder)."""
    return inspect_content(root).problems


def inspect_content(root: Path) -> CheckedContent:
    """Read and check the content under `root`; the loader imports what this returns."""
    root = Path(root)
    frameworks = read_frameworks(root)
    tree = read_content(root)
    checker = _Checker(tree, frameworks)
    for course in tree.courses:
        checker.course(course)
    problems = sorted(set(frameworks.problems + tree.problems + checker.problems))
    return CheckedContent(tree, frameworks, problems, sorted(set(checker.warnings)))


class _Checker:
    def __init__(self, tree: ContentTree, frameworks: FrameworkSet):
        self.root = tree.root
        self.frameworks = frameworks
        self.objective_codes = frameworks.objective_codes()
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.codes: dict[str, str] = {}

    def course(self, course: CourseSource) -> None:
        main = course.main
        if main is not None:
            self.common(main)
            framework = main.get("framework")
            if framework is not None and str(framework) not in self.frameworks.area_codes():
                self.problems.append(main.problem(f"unknown framework {framework}", "framework"))
            if main.get("language", "fi") not in LANGUAGES:
                self.problems.append(main.problem(f"language is one of {', '.join(LANGUAGES)}", "language"))
            self.variants(course)
            self.languages(course)
        for module in course.modules:
            self.module(module)

    def module(self, module: ModuleSource) -> None:
        main = module.main
        if main is not None:
            self.common(main)
            self.objectives(main)
            self.minutes(main)
            self.variants(module)
            self.languages(module)
        covered = set(self.objective_list(main)) if main is not None else None
        for step in module.steps:
            self.step(step, covered)

    def step(self, step: Item, covered: set[str] | None) -> None:
        main = step.main
        self.common(main)
        self.objectives(main)
        self.minutes(main)
        kind = step_kind(main)
        if kind not in set(StepKind):
            known = ", ".join(StepKind)
            self.problems.append(main.problem(f"unknown kind {kind!r} (known: {known})", "kind"))
        else:
            self.problems += check_settings(main)
        self.problems += check_sources(main)
        if kind == StepKind.LESSON:
            self.lesson(step)
        self.languages(step)
        if covered is not None:
            for index, code in enumerate(self.objective_list(main)):
                if code not in covered and code in self.objective_codes:
                    self.problems.append(main.problem(
                        f"objective {code} is not among its module's objectives (module.md)",
                        "objectives", index))
        self.variants(step)
        if kind == StepKind.QUIZ:
            for variant in step.variants.values():
                self.problems += check_quiz_variant(main, variant)

    def common(self, source: SourceFile) -> None:
        """Code and title present and well formed, the code unique, images and links found."""
        code = source.get("code")
        if code is None or str(code) == "":
            self.problems.append(source.problem("missing code"))
        elif not CODE_PATTERN.fullmatch(str(code)):
            self.problems.append(source.problem(
                f"code {code!r} may only have letters, digits, '-' and '_' (64 at most)", "code"))
        elif str(code) in self.codes:
            self.problems.append(source.problem(f"duplicate code {code} (also in {self.codes[str(code)]})",
                                                "code"))
        else:
            self.codes[str(code)] = f"{source.shown}:{source.line('code')}"
        self.title(source)
        self.references(source)
        self.pictures(source)
        self.placeholders(source)

    def title(self, source: SourceFile) -> None:
        title = source.get("title")
        if title is None or not str(title).strip():
            self.problems.append(source.problem("missing title"))
        elif not isinstance(title, str):
            self.problems.append(source.problem(
                f"title {title!r} is read as {type(title).__name__}: put it in quotes", "title"))
        elif len(title) > TITLE_MAX:
            self.problems.append(source.problem(f"title is longer than {TITLE_MAX} characters", "title"))

    def variants(self, item: Item) -> None:
        code = item.main.get("code")
        for variant in item.variants.values():
            if variant.get("code") is None:
                self.problems.append(variant.problem(f"missing code (the main file's is {code})"))
            elif str(variant.get("code")) != str(code):
                self.problems.append(variant.problem(
                    f"variant code {variant.get('code')} differs from the main file's {code}", "code"))
            self.title(variant)
            self.references(variant)
            self.pictures(variant)
            self.placeholders(variant)

    def warn(self, source: SourceFile, message: str, line: int = 1) -> None:
        self.warnings.append(Problem(source.shown, line, f"warning: {message}"))

    def lesson(self, step: Item) -> None:
        """A lesson page is short and has a plain-language version."""
        words = word_count(step.main.body)
        if words > LESSON_WORDS_MAX:
            self.warn(step.main, f"the lesson has {words} words, more than {LESSON_WORDS_MAX} on one page: "
                                 "split it into steps", step.main.body_line)
        if "selko" not in step.variants:
            self.warn(step.main, f"no plain-language version ({step.name}.selko.md)")

    def languages(self, item: Item) -> None:
        for language in LANGUAGE_VARIANTS:
            if language not in item.variants:
                name = item.main.path.name.removesuffix(".md")
                self.warn(item.main, f"no {language} version ({name}.{language}.md)")

    def pictures(self, source: SourceFile) -> None:
        """Every picture has a text alternative: alt text in the Markdown, a <title> in an SVG."""
        for url, alt, line in images(source.body):
            at = source.body_line + line - 1
            if not alt.strip():
                self.warn(source, f"image {url} has no alt text: describe what it shows, ![...]({url})", at)
            target = source.path.parent / unquote(urlsplit(url).path)
            if is_relative_path(url) and target.suffix.lower() == ".svg" and target.is_file():
                text = target.read_text(encoding="utf-8", errors="replace")
                if not _SVG_TITLE.search(text):
                    self.warn(source, f"picture {url} has no <title>: name what it shows", at)

    def placeholders(self, source: SourceFile) -> None:
        """Only known placeholders, so a typo is not shown to learners as {{ ... }}."""
        for number, line in enumerate(source.body.splitlines(), start=source.body_line):
            for name in PLACEHOLDER.findall(line):
                if name not in PLACEHOLDERS:
                    known = ", ".join(f"{{{{ {p} }}}}" for p in sorted(PLACEHOLDERS))
                    self.problems.append(Problem(source.shown, number,
                                                 f"unknown placeholder {{{{ {name} }}}} (known: {known})"))

    def objective_list(self, source: SourceFile) -> list[str]:
        objectives = source.get("objectives") or []
        return [str(code) for code in objectives] if isinstance(objectives, list) else []

    def objectives(self, source: SourceFile) -> None:
        objectives = source.get("objectives")
        if objectives is not None and not isinstance(objectives, list):
            self.problems.append(source.problem("objectives is a list of objective codes", "objectives"))
            return
        for index, code in enumerate(objectives or []):
            if str(code) not in self.objective_codes:
                self.problems.append(source.problem(f"unknown objective {code} (not in any framework)",
                                                    "objectives", index))

    def minutes(self, source: SourceFile) -> None:
        minutes = source.get("minutes")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0):
            self.problems.append(source.problem("minutes is a whole number, 0 or more", "minutes"))

    def references(self, source: SourceFile) -> None:
        """Images and relative links point at files in the course folder (images beside the text)."""
        course_dir = self.course_dir(source)
        for kind, url, line in references(source.body):
            at = source.body_line + line - 1
            if not is_relative_path(url):
                if kind == "image":
                    self.problems.append(Problem(source.shown, at, f"image {url} is not a file beside "
                                                 "the Markdown (images from elsewhere are not shown)"))
                continue
            name = unquote(urlsplit(url).path)
            target = (source.path.parent / name).resolve()
            if course_dir not in target.parents:
                self.problems.append(Problem(source.shown, at, f"{kind} {name} is outside the course folder"))
            elif not target.is_file():
                self.problems.append(Problem(source.shown, at, f"broken {kind} {name}: no such file"))

    def course_dir(self, source: SourceFile) -> Path:
        relative = source.path.resolve().relative_to((self.root / "courses").resolve())
        return (self.root / "courses" / relative.parts[0]).resolve()
