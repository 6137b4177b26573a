"""The content check reports every problem as file:line: message, at the line to fix."""

from pathlib import Path

import pytest

from competence.sourcefiles import Problem
from config import BASE_DIR
from courses.content_import import check_content

MODULE = "courses/demo/01-alku"
LESSON = f"{MODULE}/01-eka.md"
QUIZ = f"{MODULE}/02-visa.md"
QUIZ_EN = f"{MODULE}/02-visa.en.md"


def test_the_real_content_is_clean():
    """The content shipped in content/ passes every check."""
    assert [str(p) for p in check_content(BASE_DIR / "content")] == []


def test_the_sample_tree_is_clean(content):
    """The tree the other tests break passes as it is, so each test proves one problem."""
    assert content.problems() == []


def test_problem_reads_as_file_line_message():
    """A problem prints as path:line: message, the form editors and CI understand."""
    assert str(Problem("content/x.md", 7, "missing title")) == "content/x.md:7: missing title"


def test_paths_are_shown_relative_to_the_content_folders_parent(content):
    """Paths start with the content folder's name, whatever the working directory."""
    content.replace(LESSON, "title: Eka\n", "")
    assert content.problems() == [f"content/{LESSON}:1: missing title"]


def test_missing_front_matter(content):
    """A file that does not start with --- is reported on line 1."""
    content.write(LESSON, "# Eka\n\nTeksti.\n")
    assert content.problems() == [
        f"content/{LESSON}:1: missing front matter: the file starts with a line ---"
    ]


def test_unclosed_front_matter(content):
    """Front matter without its closing --- is reported on line 1."""
    content.write(LESSON, "---\ncode: DEMO-M1-L1\ntitle: Eka\n")
    assert content.problems() == [f"content/{LESSON}:1: the front matter is not closed with a line ---"]


def test_yaml_error_is_reported_at_its_line(content):
    """A YAML syntax error points at the line in the file, not in the front matter."""
    content.replace(LESSON, "title: Eka", "title: Eka: toinen")
    assert content.problems() == [
        f"{content.at(LESSON, 'title:')}: bad front matter: mapping values are not allowed here"
    ]


def test_missing_code_and_title(content):
    """A file without code or title is reported; the loader would have nothing to key it by."""
    content.replace(LESSON, "code: DEMO-M1-L1\ntitle: Eka\n", "")
    problems = content.problems()
    assert f"content/{LESSON}:1: missing code" in problems
    assert f"content/{LESSON}:1: missing title" in problems


def test_duplicate_code_across_the_content(content):
    """Two files with one code: the second is reported and names the first."""
    content.replace(f"{MODULE}/03-tehtava.md", "code: DEMO-M1-TASK", "code: DEMO-M1-L1")
    first = content.at(LESSON, "code:")
    assert content.problems() == [
        f"{content.at(f'{MODULE}/03-tehtava.md', 'code:')}: duplicate code DEMO-M1-L1 (also in {first})"
    ]


def test_duplicate_key_in_front_matter(content):
    """A key written twice is a mistake YAML would hide by keeping the last one."""
    content.replace(LESSON, "minutes: 5\n", "minutes: 5\nminutes: 6\n")
    assert content.problems() == [f"{content.at(LESSON, 'minutes: 6')}: duplicate key 'minutes'"]


def test_unknown_objective(content):
    """An objective code that no framework defines is reported at its list item."""
    content.replace(f"{MODULE}/module.md", "objectives: [DEMO-A-1, DEMO-A-2]",
                    "objectives: [DEMO-A-1, DEMO-A-2, DEMO-A-9]")
    assert content.problems() == [
        f"{content.at(f'{MODULE}/module.md', 'objectives')}: "
        "unknown objective DEMO-A-9 (not in any framework)"
    ]


def test_module_objectives_cover_its_steps(content):
    """A step may only serve objectives its module lists."""
    content.replace(f"{MODULE}/module.md", "[DEMO-A-1, DEMO-A-2]", "[DEMO-A-1]")
    problems = content.problems()
    task = f"{MODULE}/03-tehtava.md"
    assert (f"{content.at(task, 'objectives')}: objective DEMO-A-2 is not among its module's objectives "
            "(module.md)") in problems
    assert len(problems) == 3  # the task, the quiz and the self-assessment


def test_unknown_kind(content):
    """A kind the platform does not know is reported at the kind line."""
    content.replace(f"{MODULE}/03-tehtava.md", "kind: written_task", "kind: essay")
    assert content.problems() == [
        f"{content.at(f'{MODULE}/03-tehtava.md', 'kind:')}: unknown kind 'essay' "
        "(known: lesson, quiz, written_task, file_task, self_assessment)"
    ]


def test_quiz_without_questions(content):
    """A quiz needs questions; the problem points at the kind line when there are none."""
    content.write(QUIZ, "---\ncode: DEMO-M1-QUIZ\ntitle: Visa\nkind: quiz\n---\nVastaa.\n")
    content.path(QUIZ_EN).unlink()
    assert content.problems() == [f"{content.at(QUIZ, 'kind:')}: a quiz needs questions"]


def test_single_choice_needs_exactly_one_correct_choice(content):
    """Two correct choices in a single-choice question are reported at the question."""
    content.replace(QUIZ, "      - text: Tuo\n", "      - text: Tuo\n        correct: true\n")
    assert content.problems() == [
        f"{content.at(QUIZ_EN, 'text: Tuo')}: question q1, choice 2: correct differs from the main file",
        f"{content.at(QUIZ, 'type: single')}: question q1: a single-choice question needs exactly one "
        "correct choice, found 2",
    ]


def test_multiple_choice_needs_a_correct_choice(content):
    """A multiple-choice question without any correct choice is reported."""
    content.replace(QUIZ, "      - text: Yksi\n        correct: true\n", "      - text: Yksi\n")
    problems = content.problems()
    assert (f"{content.at(QUIZ, 'type: multiple')}: question q2: a multiple-choice question needs a "
            "correct choice") in problems


def test_every_choice_has_an_explanation(content):
    """A choice without an explanation is reported at the choice."""
    content.replace(QUIZ, "      - text: Tuo\n        explanation: Ei.\n", "      - text: Tuo\n")
    assert content.problems() == [
        f"{content.at(QUIZ, 'text: Tuo')}: question q1, choice 2: missing explanation"
    ]


def test_duplicate_question_ids(content):
    """Question ids are unique within a quiz: answers are stored by them."""
    content.replace(QUIZ, "id: q2", "id: q1")
    content.replace(QUIZ_EN, "id: q2", "id: q1")
    problems = content.problems()
    first = content.line(QUIZ, "id: q1")
    assert f"{content.at(QUIZ, 'id: q1', 2)}: duplicate question id q1 (also on line {first})" in problems


def test_variant_without_main_file(content):
    """A translation whose main file is missing is reported at the translation."""
    content.write(f"{MODULE}/05-extra.en.md", "---\ncode: DEMO-M1-X\ntitle: Extra\n---\nText.\n")
    assert content.problems() == [
        f"content/{MODULE}/05-extra.en.md:1: variant without a main file 05-extra.md"
    ]


def test_variant_code_must_match_the_main_file(content):
    """A variant is tied to its main file by code; a different code is reported."""
    content.replace(f"{MODULE}/01-eka.selko.md", "code: DEMO-M1-L1", "code: DEMO-M1-L2")
    assert content.problems() == [
        f"content/{MODULE}/01-eka.selko.md:2: variant code DEMO-M1-L2 differs from the main file's DEMO-M1-L1"
    ]


def test_quiz_variant_has_the_same_question_ids(content):
    """A translated quiz with other question ids is reported."""
    content.replace(QUIZ_EN, "id: q2", "id: q3")
    assert content.problems() == [
        f"{content.at(QUIZ_EN, 'questions:')}: question ids differ from the main file (q1, q2)"
    ]


def test_quiz_variant_has_the_same_number_of_choices(content):
    """A translated question with a choice missing is reported at its choices."""
    content.replace(QUIZ_EN, "      - text: Kaksi\n        explanation: Ei.\n", "")
    assert content.problems() == [
        f"{content.at(QUIZ_EN, 'choices:', 2)}: question q2: 1 choices, the main file has 2",
        f"{content.at(QUIZ_EN, 'choices:', 2)}: question q2: needs at least two choices",
    ]


def test_broken_image(content):
    """An image whose file is not beside the Markdown is reported at its body line."""
    content.path(f"{MODULE}/kuva.svg").unlink()
    assert content.problems() == [f"{content.at(LESSON, 'kuva.svg')}: broken image kuva.svg: no such file"]


def test_broken_relative_link(content):
    """A relative link to a missing file is reported at its body line."""
    content.path(f"{MODULE}/malli.pdf").unlink()
    assert content.problems() == [f"{content.at(LESSON, 'malli.pdf')}: broken link malli.pdf: no such file"]


def test_images_and_links_stay_in_the_course_folder(content, tmp_path):
    """A relative path may not climb out of the course folder, even to a file that exists."""
    (tmp_path / "salainen.txt").write_text("x")
    content.replace(LESSON, "(malli.pdf)", "(../../../../salainen.txt)")
    assert content.problems() == [
        f"{content.at(LESSON, 'salainen')}: link ../../../../salainen.txt is outside the course folder"
    ]


def test_images_from_elsewhere_are_reported(content):
    """External images would be blocked by the content security policy and leak the reader's address."""
    content.replace(LESSON, "(kuva.svg)", "(https://example.org/kuva.png)")
    assert content.problems() == [
        f"{content.at(LESSON, 'example.org')}: image https://example.org/kuva.png is not a file beside the "
        "Markdown (images from elsewhere are not shown)"
    ]


def test_unknown_framework_in_course(content):
    """course.md names a framework that content/frameworks does not define."""
    content.replace("courses/demo/course.md", "framework: DEMO", "framework: NOPE")
    assert content.problems() == [
        f"{content.at('courses/demo/course.md', 'framework')}: unknown framework NOPE"
    ]


@pytest.mark.parametrize("name", ["1-eka.md", "01_eka.md", "01-Eka.md", "eka.md", "01-eka.fr.md"])
def test_files_follow_the_naming(content, name):
    """Markdown files are NN-name.md or NN-name.<variant>.md; anything else is reported."""
    content.write(f"{MODULE}/{name}", "---\ncode: DEMO-M1-Z\ntitle: Z\n---\n")
    [problem] = content.problems()
    assert problem.startswith(f"content/{MODULE}/{name}:1: ")


def test_module_folders_follow_the_naming(content):
    """A module folder is NN-name."""
    content.path(MODULE).rename(content.path("courses/demo/alku"))
    assert content.problems() == [
        "content/courses/demo/alku:1: a module folder is named NN-name (lowercase a-z, 0-9, -)"
    ]


def test_missing_module_md(content):
    """A module folder needs module.md."""
    content.path(f"{MODULE}/module.md").unlink()
    assert f"content/{MODULE}/module.md:1: missing module.md" in content.problems()


def test_framework_problems_are_part_of_the_check(content):
    """The content check runs the framework validation too."""
    content.replace("frameworks/demo.yaml", "scale: grade-1-5", "scale: grade-1-10")
    assert content.problems() == [
        f"{content.at('frameworks/demo.yaml', 'scale: grade')}: unknown scale 'grade-1-10' "
        "(the file defines: grade-1-5)"
    ]


def test_file_task_accepts_known_types_only(content):
    """A file task may only accept the types uploads recognise."""
    content.write(f"{MODULE}/05-tiedosto.md", "---\ncode: DEMO-M1-FILE\ntitle: Tiedosto\nkind: file_task\n"
                  "accept: [pdf, exe]\n---\nLähetä.\n")
    assert content.problems() == [
        f"content/{MODULE}/05-tiedosto.md:5: unknown file type 'exe' (known: pdf, docx, odt, jpg, png)"
    ]


def test_check_accepts_a_relative_root(content, monkeypatch):
    """`flask content check content` works from the folder above."""
    monkeypatch.chdir(content.root.parent)
    assert check_content(Path("content")) == []


def test_words_yaml_would_misread_must_be_quoted(content):
    """A bare Yes or 2024 is not text in YAML; the check asks for quotes instead of storing True."""
    content.replace(f"{MODULE}/02-visa.en.md", "      - text: Tämä", "      - text: Yes")
    content.replace(LESSON, "title: Eka", "title: 2024")
    assert content.problems() == [
        f"{content.at(LESSON, 'title:')}: title 2024 is read as int: put it in quotes",
        f"{content.at(QUIZ_EN, 'text: Yes')}: question q1, choice 1: "
        "text True is read as bool: put it in quotes",
    ]
