"""A small, valid content tree in tmp_path that each test breaks or changes in one place."""

from pathlib import Path

import pytest

from courses.content_import import check_content

FRAMEWORK = """\
code: DEMO
name: {fi: Demo, sv: Demo, en: Demo}
osp: 3
scales:
  grade-1-5:
    name: {fi: Arvosana}
    values: [1, 2, 3, 4, 5]
    criteria_for: [1, 3, 5]
units:
  - code: DEMO-A
    name: {fi: Ensimmäinen}
    osp: 3
    scale: grade-1-5
    objectives:
      - code: DEMO-A-1
        name: {fi: Osaan yhden asian.}
        criteria:
          1: {fi: Ohjattuna.}
          3: {fi: Itsenäisesti.}
          5: {fi: Opastaa muita.}
      - code: DEMO-A-2
        name: {fi: Osaan toisen asian.}
        criteria:
          1: {fi: Ohjattuna.}
          3: {fi: Itsenäisesti.}
          5: {fi: Opastaa muita.}
"""

QUIZ_QUESTIONS = """\
questions:
  - id: q1
    type: single
    text: Kumpi?
    choices:
      - text: Tämä
        correct: true
        explanation: Oikein.
      - text: Tuo
        explanation: Ei.
  - id: q2
    type: multiple
    text: Mitkä?
    choices:
      - text: Yksi
        correct: true
        explanation: Kyllä.
      - text: Kaksi
        explanation: Ei.
"""

FILES = {
    "frameworks/demo.yaml": FRAMEWORK,
    "courses/demo/course.md": "---\ncode: DEMO-KURSSI\ntitle: Demokurssi\nlanguage: fi\n"
                              "summary: Lyhyesti.\nframework: DEMO\n---\nTervetuloa!\n",
    "courses/demo/01-alku/module.md": "---\ncode: DEMO-M1\ntitle: Alku\nminutes: 20\n"
                                      "objectives: [DEMO-A-1, DEMO-A-2]\n---\nTässä osassa opit alun.\n",
    "courses/demo/01-alku/module.en.md": "---\ncode: DEMO-M1\ntitle: Start\n---\nIn this part you start.\n",
    "courses/demo/01-alku/01-eka.md": "---\ncode: DEMO-M1-L1\ntitle: Eka\nminutes: 5\n"
                                      "objectives: [DEMO-A-1]\n---\nEnsimmäinen kappale.\n\n"
                                      "![Kuva puhelimesta](kuva.svg)\n\n[Malli](malli.pdf)\n",
    "courses/demo/01-alku/01-eka.selko.md": "---\ncode: DEMO-M1-L1\ntitle: Eka selkona\n---\n"
                                            "Helppo teksti.\n",
    "courses/demo/01-alku/01-eka.en.md": "---\ncode: DEMO-M1-L1\ntitle: First\n---\nFirst paragraph.\n",
    "courses/demo/01-alku/02-visa.md": "---\ncode: DEMO-M1-QUIZ\ntitle: Visa\nkind: quiz\nminutes: 5\n"
                                       "objectives: [DEMO-A-1, DEMO-A-2]\n"
                                       + QUIZ_QUESTIONS + "---\nVastaa.\n",
    "courses/demo/01-alku/02-visa.en.md": "---\ncode: DEMO-M1-QUIZ\ntitle: Quiz\n"
                                          + QUIZ_QUESTIONS.replace("Kumpi?", "Which one?") + "---\nAnswer.\n",
    "courses/demo/01-alku/03-tehtava.md": "---\ncode: DEMO-M1-TASK\ntitle: Tehtävä\nkind: written_task\n"
                                          "min_chars: 50\nobjectives: [DEMO-A-2]\n---\nKirjoita.\n",
    "courses/demo/01-alku/04-itsearviointi.md": "---\ncode: DEMO-M1-SELF\ntitle: Itsearviointi\n"
                                                "kind: self_assessment\n"
                                                "objectives: [DEMO-A-1, DEMO-A-2]\n---\nMieti.\n",
    "courses/demo/01-alku/kuva.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "courses/demo/01-alku/malli.pdf": "%PDF-1.4\n",
}


class Content:
    """The tree under tmp_path/content, with helpers to change a file and to check the tree."""

    def __init__(self, root: Path):
        self.root = root
        for name, text in FILES.items():
            self.write(name, text)

    def path(self, name: str) -> Path:
        return self.root / name

    def write(self, name: str, text: str) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def read(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        text = self.read(name)
        assert old in text, f"{old!r} not in {name}"
        self.write(name, text.replace(old, new, 1))

    def line(self, name: str, text: str, nth: int = 1) -> int:
        """The line number of the nth line of `name` containing `text`."""
        found = [n for n, line in enumerate(self.read(name).splitlines(), 1) if text in line]
        return found[nth - 1]

    def at(self, name: str, text: str, nth: int = 1) -> str:
        """`content/<name>:<line>` as problems show it, for the line containing `text`."""
        return f"content/{name}:{self.line(name, text, nth)}"

    def problems(self) -> list[str]:
        return [str(problem) for problem in check_content(self.root)]


@pytest.fixture
def content(tmp_path) -> Content:
    return Content(tmp_path / "content")
