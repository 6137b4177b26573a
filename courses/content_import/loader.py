"""`flask content import`: frameworks and courses from content/ into the database, by code.

Idempotent: a row whose content hash is unchanged is not touched; a changed one is updated in
place (same id, so a learner's progress, answers and self-assessments stay attached); one that is
gone from content/ is archived, never deleted, and comes back if it returns. Markdown is rendered
to safe HTML here, once, and stored. The import renews the content token in its own transaction, so
every worker rebuilds its content snapshots once the import is committed, and none if it is not.
"""

import hashlib
import json
from pathlib import Path

from sqlalchemy import select

from app.core import content_cache
from app.core.db import db
from app.core.errors import DomainError
from app.core.i18n import N_
from competence.changes import ImportReport, archive_missing, upsert
from competence.frameworks import apply_frameworks
from competence.sourcefiles import Problem
from courses.authoring.published import keep_source, read_tree
from courses.content_import.checker import inspect_content
from courses.content_import.markdown import media_base, render_markdown
from courses.content_import.source import ContentTree, CourseSource, Item, ModuleSource, SourceFile
from courses.content_import.step_settings import settings_for, step_kind, variant_settings_for
from courses.models import Course, Module, Step

__all__ = ["ContentErrors", "ImportReport", "import_content"]


class ContentErrors(DomainError):
    """The content has problems, so nothing was imported; `problems` lists them."""

    message = N_("The content has errors. Run the content check and fix them first.")

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join([f"content has {len(self.problems)} problem(s):", *map(str, self.problems)])


def import_content(root: Path, actor=None) -> ImportReport:
    """Apply the frameworks and courses under `root` to the database, keep its source files verbatim
    (a new version of each changed course, by `actor`) and renew the content token; flushes, never
    commits.

    Raises ContentErrors, having changed nothing, when check_content finds any problem.
    """
    checked = inspect_content(Path(root))
    if checked.problems:
        raise ContentErrors(checked.problems)
    report = ImportReport()
    apply_frameworks(checked.frameworks.areas, report)
    _apply_courses(checked.tree, report)
    keep_source(read_tree(root), {_code(course.main): course.name for course in checked.tree.courses}, actor)
    content_cache.renew()
    return report


def _apply_courses(tree: ContentTree, report: ImportReport) -> None:
    existing = {model: {row.code: row for row in db.session.scalars(select(model))}
                for model in (Course, Module, Step)}
    seen: dict = {Course: set(), Module: set(), Step: set()}
    for course in tree.courses:
        code = _code(course.main)
        course_row = upsert(Course, existing[Course], code, _hashed(_course_values(course), None),
                            report, "course")
        seen[Course].add(code)
        for position, module in enumerate(course.modules, start=1):
            module_code = _code(module.main)
            values = _hashed(_module_values(module, course, position), code)
            module_row = upsert(Module, existing[Module], module_code, {**values, "course": course_row},
                                report, "module")
            seen[Module].add(module_code)
            for step_position, step in enumerate(module.steps, start=1):
                step_code = _code(step.main)
                values = _hashed(_step_values(step, course, module, step_position, tree.root), module_code)
                upsert(Step, existing[Step], step_code, {**values, "module": module_row}, report, "step")
                seen[Step].add(step_code)
    for model, kind in ((Course, "course"), (Module, "module"), (Step, "step")):
        archive_missing(existing[model], seen[model], report, kind)


def _hashed(values: dict, parent_code: str | None) -> dict:
    """The values plus a SHA-256 of them and of the parent's code: equal hash, nothing to update."""
    canonical = json.dumps({**values, "parent": parent_code}, sort_keys=True, ensure_ascii=False)
    return {**values, "content_hash": hashlib.sha256(canonical.encode()).hexdigest()}


def _course_values(course: CourseSource) -> dict:
    main, base = course.main, media_base(course.name)
    framework = main.get("framework")
    return {
        "title": _title(main),
        "language": str(main.get("language") or "fi"),
        "summary": str(main.get("summary") or "").strip(),
        "intro_html": render_markdown(main.body, base),
        "framework_code": str(framework) if framework is not None else None,
        "slug": course.name,
        "variants": {
            name: {"title": _title(v), "summary": str(v.get("summary") or main.get("summary") or "").strip(),
                   "intro_html": render_markdown(v.body, base)}
            for name, v in sorted(course.variants.items())
        },
    }


def _module_values(module: ModuleSource, course: CourseSource, position: int) -> dict:
    main, base = module.main, media_base(course.name, module.name)
    return {
        "title": _title(main),
        "position": position,
        "minutes": int(main.get("minutes") or 0),
        "objectives": _objectives(main),
        "intro_html": render_markdown(main.body, base),
        "folder": module.name,
        "variants": {
            name: {"title": _title(v), "intro_html": render_markdown(v.body, base)}
            for name, v in sorted(module.variants.items())
        },
    }


def _step_values(step: Item, course: CourseSource, module: ModuleSource, position: int, root: Path) -> dict:
    main, base = step.main, media_base(course.name, module.name)
    variants = {}
    for name, variant in sorted(step.variants.items()):
        variants[name] = {"title": _title(variant),
                          "body_html": render_markdown(variant.body, base, line_breaks=name == "selko")}
        settings = variant_settings_for(main, variant)
        if settings is not None:
            variants[name]["settings"] = settings
    return {
        "kind": step_kind(main),
        "title": _title(main),
        "position": position,
        "minutes": int(main.get("minutes") or 0),
        "objectives": _objectives(main),
        "body_html": render_markdown(main.body, base),
        "settings": settings_for(main),
        "variants": variants,
        "source_path": main.path.relative_to(root).as_posix(),
    }


def _code(source: SourceFile) -> str:
    return str(source.get("code"))


def _title(source: SourceFile) -> str:
    return str(source.get("title")).strip()


def _objectives(source: SourceFile) -> list[str]:
    return [str(code) for code in source.get("objectives") or []]
