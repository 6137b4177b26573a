"""Activity settings in a step's front matter: the rules they must follow, and their stored form.

Stored form (Step.settings):
- quiz: {"questions": [{"id", "type": "single"|"multiple", "text",
  "choices": [{"text", "correct": bool, "explanation"}]}]}
- written_task: {"min_chars": int}
- file_task: {"accept": [extension, ...]}
- lesson, self_assessment: {}
Any kind may add {"sources": [{"url", "title", "checked": "YYYY-MM-DD"}]}: where its facts were
checked, shown to the learner at the foot of the step. Variants share the main file's sources.
A quiz variant stores its translated questions the same way; which choices are correct always
comes from the main file.
"""

import datetime
from urllib.parse import urlsplit

from courses.content_import.source import SourceFile
from courses.models import StepKind
from courses.uploads import ALL_TYPES

DEFAULT_ACCEPT = list(ALL_TYPES)  # the file types uploads recognise by their content
QUESTION_TYPES = ("single", "multiple")


def step_kind(source: SourceFile) -> str:
    return str(source.get("kind") or StepKind.LESSON)


def check_settings(source: SourceFile) -> list:
    """Problems in the activity settings of a step's main file."""
    kind = step_kind(source)
    problems = []
    if kind == StepKind.QUIZ:
        problems += check_questions(source)
    elif kind == StepKind.WRITTEN_TASK and "min_chars" in source.data:
        value = source.get("min_chars")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(source.problem("min_chars must be a whole number, 0 or more", "min_chars"))
    elif kind == StepKind.FILE_TASK and "accept" in source.data:
        accept = source.get("accept")
        if not isinstance(accept, list) or not accept:
            problems.append(source.problem("accept is a list of file types, e.g. [pdf, docx]", "accept"))
        else:
            for index, extension in enumerate(accept):
                if str(extension).lower() not in ALL_TYPES:
                    known = ", ".join(ALL_TYPES)
                    problems.append(source.problem(f"unknown file type {extension!r} (known: {known})",
                                                   "accept", index))
    elif kind == StepKind.SELF_ASSESSMENT and not source.get("objectives"):
        problems.append(source.problem("a self-assessment needs objectives: its statements come from them",
                                       "kind"))
    return problems


def check_sources(source: SourceFile) -> list:
    """Sources are a list of mappings with a web address, a title and the date they were checked."""
    if "sources" not in source.data:
        return []
    sources = source.get("sources")
    if not isinstance(sources, list) or not sources:
        return [source.problem("sources is a list of {url, title, checked}", "sources")]
    problems = []
    for index, entry in enumerate(sources):
        path = ("sources", index)
        if not isinstance(entry, dict):
            problems.append(source.problem("a source is a mapping with url, title and checked", *path))
            continue
        url = entry.get("url")
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            problems.append(source.problem(f"source {index + 1}: url is a web address (https://...)", *path))
        problems += _check_text(source, entry, "title", f"source {index + 1}: ", path)
        if _checked_date(entry.get("checked")) is None:
            problems.append(source.problem(f"source {index + 1}: checked is the date it was read, YYYY-MM-DD",
                                           *path))
    return problems


def _checked_date(value) -> str | None:
    """The date a source was checked as YYYY-MM-DD, or None; YAML reads a bare date as a date."""
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        return None


def sources_for(source: SourceFile) -> list[dict]:
    """The stored sources of a checked main file: url, title and date checked."""
    return [{"url": e["url"], "title": str(e["title"]).strip(), "checked": _checked_date(e.get("checked"))}
            for e in source.get("sources") or [] if isinstance(e, dict)]


def check_questions(source: SourceFile) -> list:
    """A quiz has questions with unique ids; each choice has an explanation; the right number of
    choices is correct (exactly one for single choice, at least one for multiple choice).
    """
    questions = source.get("questions")
    if not isinstance(questions, list) or not questions:
        at = "questions" if "questions" in source.data else "kind"
        return [source.problem("a quiz needs questions", at)]
    problems = []
    seen: dict[str, int] = {}
    for index, question in enumerate(questions):
        path = ("questions", index)
        if not isinstance(question, dict):
            problems.append(source.problem("a question is a mapping with id, type, text and choices", *path))
            continue
        qid = str(question.get("id") or "")
        if not qid:
            problems.append(source.problem(f"question {index + 1} has no id", *path))
        elif qid in seen:
            problems.append(source.problem(f"duplicate question id {qid} (also on line {seen[qid]})",
                                           *path, "id"))
        else:
            seen[qid] = source.line(*path, "id")
        label = f"question {qid or index + 1}"
        if question.get("type") not in QUESTION_TYPES:
            problems.append(source.problem(f"{label}: type is single or multiple", *path, "type"))
        problems += _check_text(source, question, "text", f"{label}: ", path)
        problems += _check_choices(source, question, path, label)
    return problems


def _check_choices(source: SourceFile, question: dict, path: tuple, label: str) -> list:
    choices = question.get("choices")
    if not isinstance(choices, list) or len(choices) < 2:
        return [source.problem(f"{label}: needs at least two choices", *path, "choices")]
    problems = []
    correct = 0
    for number, choice in enumerate(choices, start=1):
        choice_path = (*path, "choices", number - 1)
        if not isinstance(choice, dict):
            problems.append(source.problem(f"{label}, choice {number}: a choice has text and explanation",
                                           *choice_path))
            continue
        for key in ("text", "explanation"):
            problems += _check_text(source, choice, key, f"{label}, choice {number}: ", choice_path)
        if not isinstance(choice.get("correct", False), bool):
            problems.append(source.problem(f"{label}, choice {number}: correct is true or false",
                                           *choice_path, "correct"))
        correct += choice.get("correct") is True
    if question.get("type") == "single" and correct != 1:
        problems.append(source.problem(
            f"{label}: a single-choice question needs exactly one correct choice, found {correct}",
            *path, "type"))
    if question.get("type") == "multiple" and correct == 0:
        problems.append(source.problem(f"{label}: a multiple-choice question needs a correct choice",
                                       *path, "type"))
    return problems


def _check_text(source: SourceFile, data: dict, key: str, label: str, path: tuple) -> list:
    """Words shown to the learner are non-empty text; YAML reads a bare yes, no or 12 as something else."""
    value = data.get(key)
    if value is None or not str(value).strip():
        return [source.problem(f"{label}missing {key}", *path)]
    if not isinstance(value, str):
        return [source.problem(f"{label}{key} {value!r} is read as {type(value).__name__}: put it in quotes",
                               *path, key)]
    return []


def check_quiz_variant(main: SourceFile, variant: SourceFile) -> list:
    """A quiz variant repeats the questions, translated: same ids, same choices, same right answers."""
    if "questions" not in variant.data:
        return [variant.problem("a quiz variant repeats the questions, translated")]
    problems = check_questions(variant)
    main_questions = _questions(main)
    questions = _questions(variant)
    if [q.get("id") for q in questions] != [q.get("id") for q in main_questions]:
        ids = ", ".join(str(q.get("id")) for q in main_questions)
        return [*problems, variant.problem(f"question ids differ from the main file ({ids})", "questions")]
    for index, (question, original) in enumerate(zip(questions, main_questions, strict=True)):
        path = ("questions", index)
        choices, original_choices = _choices(question), _choices(original)
        if len(choices) != len(original_choices):
            problems.append(variant.problem(
                f"question {question.get('id')}: {len(choices)} choices, the main file has "
                f"{len(original_choices)}", *path, "choices"))
            continue
        for number, (choice, source_choice) in enumerate(zip(choices, original_choices, strict=True), 1):
            if bool(choice.get("correct")) != bool(source_choice.get("correct")):
                problems.append(variant.problem(
                    f"question {question.get('id')}, choice {number}: correct differs from the main file",
                    *path, "choices", number - 1))
    return problems


def settings_for(source: SourceFile) -> dict:
    """The stored settings of a step's main file (checked already), with its sources if any."""
    settings = _kind_settings(source)
    if source.get("sources"):
        settings["sources"] = sources_for(source)
    return settings


def _kind_settings(source: SourceFile) -> dict:
    kind = step_kind(source)
    if kind == StepKind.QUIZ:
        return {"questions": [_question(q, q) for q in _questions(source)]}
    if kind == StepKind.WRITTEN_TASK:
        return {"min_chars": int(source.get("min_chars") or 0)}
    if kind == StepKind.FILE_TASK:
        return {"accept": [str(e).lower() for e in source.get("accept") or DEFAULT_ACCEPT]}
    return {}


def variant_settings_for(main: SourceFile, variant: SourceFile) -> dict | None:
    """The translated settings of a quiz variant, or None for other kinds."""
    if step_kind(main) != StepKind.QUIZ:
        return None
    pairs = zip(_questions(variant), _questions(main), strict=True)
    return {"questions": [_question(text, rule) for text, rule in pairs]}


def _question(text: dict, rule: dict) -> dict:
    """A question with the words of `text` and the type and right answers of `rule`."""
    return {
        "id": str(rule["id"]),
        "type": rule["type"],
        "text": str(text["text"]).strip(),
        "choices": [
            {"text": str(c["text"]).strip(), "correct": bool(r.get("correct")),
             "explanation": str(c["explanation"]).strip()}
            for c, r in zip(_choices(text), _choices(rule), strict=True)
        ],
    }


def _questions(source: SourceFile) -> list[dict]:
    questions = source.get("questions")
    return [q for q in questions if isinstance(q, dict)] if isinstance(questions, list) else []


def _choices(question: dict) -> list[dict]:
    choices = question.get("choices")
    return [c for c in choices if isinstance(c, dict)] if isinstance(choices, list) else []
