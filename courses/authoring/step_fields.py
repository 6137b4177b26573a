"""A step's front matter as the editor's fields, and the fields back into front matter.

Quiz questions become rows of fields with one empty question and one empty choice to add with; a row
left empty is dropped on saving. A language variant edits only the words: the questions' ids, types
and right answers always come from the main file, as the content check demands.
"""

from courses.content_import.source import VARIANTS
from courses.models import StepKind

QUESTION_TYPES = ("single", "multiple")
BLANK_CHOICES = 3  # a new question starts with room for three choices


def variant_path(main_path: str, variant: str | None) -> str:
    """`courses/c/01-m/01-step.md` → `courses/c/01-m/01-step.selko.md` for the "selko" variant."""
    if variant is None:
        return main_path
    assert variant in VARIANTS
    return main_path.removesuffix(".md") + f".{variant}.md"


def new_variant(main: dict) -> dict:
    """The front matter a missing variant starts from: the main file's code, title and questions."""
    meta = {"code": main.get("code"), "title": main.get("title")}
    if "questions" in main:
        meta["questions"] = main["questions"]
    return meta


def _blank_choice() -> dict:
    return {"text": "", "correct": False, "explanation": ""}


def _choice_fields(choice: dict) -> dict:
    return {"text": str(choice.get("text") or ""), "correct": choice.get("correct") is True,
            "explanation": str(choice.get("explanation") or "")}


def fields_from(meta: dict, body: str, variant: bool) -> dict:
    """The editor's field values for a file's front matter and body."""
    questions = []
    for question in _dicts(meta.get("questions")):
        choices = [_choice_fields(c) for c in _dicts(question.get("choices"))]
        questions.append({"qid": str(question.get("id") or ""), "text": str(question.get("text") or ""),
                          "answer_type": question.get("type") if question.get("type") in QUESTION_TYPES else "single",
                          "choices": choices if variant else [*choices, _blank_choice()]})
    if not variant and str(meta.get("kind")) == StepKind.QUIZ:
        questions.append({"qid": "", "text": "", "answer_type": "single",
                          "choices": [_blank_choice() for _ in range(BLANK_CHOICES)]})
    return {
        "title": str(meta.get("title") or ""),
        "summary": str(meta.get("summary") or ""),
        "minutes": meta.get("minutes") if isinstance(meta.get("minutes"), int) else None,
        "objectives": [str(code) for code in _list(meta.get("objectives"))],
        "min_chars": meta.get("min_chars") if isinstance(meta.get("min_chars"), int) else None,
        "accept": [str(kind) for kind in _list(meta.get("accept"))],
        "questions": questions,
        "body": body,
    }


def meta_from(old: dict, fields: dict, main: dict, variant: bool, part: str = "step") -> dict:
    """The front matter for saving: `old` with the edited keys replaced, in their order. `part` is
    "step", "module" (title and minutes) or "course" (title and summary).
    """
    meta = dict(old)
    meta["title"] = fields["title"].strip()
    if part == "module" and not variant:
        _set(meta, "minutes", fields["minutes"])
    if part == "course":
        _set(meta, "summary", " ".join((fields["summary"] or "").split()) or None)
    if part != "step":
        return meta
    kind = str(main.get("kind") or StepKind.LESSON)
    if not variant:
        _set(meta, "minutes", fields["minutes"])
        _set(meta, "objectives", list(fields["objectives"]) or None)
        if kind == StepKind.WRITTEN_TASK:
            _set(meta, "min_chars", fields["min_chars"])
        if kind == StepKind.FILE_TASK:
            _set(meta, "accept", list(fields["accept"]) or None)
    if kind == StepKind.QUIZ:
        meta["questions"] = (_variant_questions(fields["questions"], main) if variant
                             else _main_questions(fields["questions"]))
    return meta


def _main_questions(rows: list[dict]) -> list[dict]:
    used = {row["qid"] for row in rows if row["qid"]}
    questions = []
    for row in rows:
        choices = [_choice(c, c["correct"]) for c in row["choices"] if c["text"].strip() or c["explanation"].strip()]
        if not row["text"].strip() and not choices:
            continue
        qid = row["qid"] or _new_id(used)
        used.add(qid)
        questions.append({"id": qid, "type": row["answer_type"], "text": row["text"].strip(), "choices": choices})
    return questions


def _variant_questions(rows: list[dict], main: dict) -> list[dict]:
    questions = []
    for row, rule in zip(rows, _dicts(main.get("questions")), strict=False):
        rules = _dicts(rule.get("choices"))
        choices = [_choice(c, r.get("correct") is True) for c, r in zip(row["choices"], rules, strict=False)]
        questions.append({"id": rule.get("id"), "type": rule.get("type"), "text": row["text"].strip(),
                          "choices": choices})
    return questions


def _choice(row: dict, correct: bool) -> dict:
    choice = {"text": row["text"].strip()}
    if correct:
        choice["correct"] = True
    choice["explanation"] = row["explanation"].strip()
    return choice


def _new_id(used: set[str]) -> str:
    number = 1
    while f"q{number}" in used:
        number += 1
    return f"q{number}"


def _set(meta: dict, key: str, value) -> None:
    if value is None:
        meta.pop(key, None)
    else:
        meta[key] = value


def _list(value) -> list:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _dicts(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
