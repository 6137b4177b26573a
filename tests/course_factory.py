"""A small course built straight into the database, for tests that are not about the loader."""

from app.core.db import db
from courses.models import Course, Module, Step, StepKind

QUIZ = {
    "questions": [
        {"id": "q1", "type": "single", "text": "Kuinka pitkä koeaika voi enintään olla?",
         "choices": [{"text": "Kuusi kuukautta", "correct": True, "explanation": "Oikein."},
                     {"text": "Kaksi vuotta", "explanation": "Liian pitkä."}]},
        {"id": "q2", "type": "multiple", "text": "Mitä työsopimuksessa sovitaan?",
         "choices": [{"text": "Palkka", "correct": True, "explanation": "Kyllä."},
                     {"text": "Työaika", "correct": True, "explanation": "Kyllä."},
                     {"text": "Lempiruoka", "explanation": "Ei."}]},
    ]
}


def make_course(code="K", modules=1, title="Työelämätaidot"):
    course = Course(code=code, title=title, language="fi", summary="Tiivistelmä", slug=code.lower())
    db.session.add(course)
    for m in range(1, modules + 1):
        module = Module(course=course, code=f"{code}-M{m}", title=f"Moduuli {m}", position=m, minutes=30,
                        objectives=["TET-TT-2"], folder=f"0{m}-moduuli")
        db.session.add(module)
        steps = [
            ("L1", StepKind.LESSON, {}, {"selko": {"title": "Selko 1", "body_html": "<p>Selkoteksti</p>"}}),
            ("L2", StepKind.LESSON, {}, {}),
            ("QUIZ", StepKind.QUIZ, QUIZ, {}),
            ("TASK", StepKind.WRITTEN_TASK, {"min_chars": 20}, {}),
            ("FILE", StepKind.FILE_TASK, {"accept": ["pdf", "docx", "odt", "jpg", "png"]}, {}),
            ("SELF", StepKind.SELF_ASSESSMENT, {}, {}),
        ]
        for position, (suffix, kind, settings, variants) in enumerate(steps, start=1):
            db.session.add(Step(module=module, code=f"{code}-M{m}-{suffix}", kind=kind,
                                title=f"{kind} {suffix}", position=position, minutes=5,
                                objectives=["TET-TT-2"], body_html=f"<p>Body of {suffix}</p>",
                                settings=settings, variants=variants))
    db.session.commit()
    return course


def step(code) -> Step:
    return db.session.scalar(db.select(Step).where(Step.code == code))
