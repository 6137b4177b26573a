"""The content check warns, without failing, where a page does not yet serve every learner."""

from courses.content_import import inspect_content

MODULE = "courses/demo/01-alku"
LESSON = f"{MODULE}/01-eka.md"


def warnings(content) -> list[str]:
    return [str(w) for w in inspect_content(content.root).warnings]


def complete(content) -> None:
    """Give the sample tree every language version and an SVG title, so each test adds one gap."""
    content.write(f"{MODULE}/01-eka.sv.md", "---\ncode: DEMO-M1-L1\ntitle: Första\n---\nFörsta stycket.\n")
    for name in ("module", "01-eka", "02-visa", "03-tehtava", "04-itsearviointi"):
        main = content.read(f"{MODULE}/{name}.md")
        for language in ("sv", "en"):
            if not content.path(f"{MODULE}/{name}.{language}.md").exists():
                content.write(f"{MODULE}/{name}.{language}.md", main)
    content.write(f"{MODULE}/kuva.svg", '<svg xmlns="http://www.w3.org/2000/svg"><title>Puhelin</title></svg>\n')
    course = content.read("courses/demo/course.md")
    for language in ("sv", "en"):
        content.write(f"courses/demo/course.{language}.md", course)


def test_a_complete_tree_has_no_warnings(content):
    """With every version and text alternative in place nothing is warned about."""
    complete(content)
    assert warnings(content) == []
    assert content.problems() == []


def test_a_lesson_over_200_words_is_warned_about(content):
    """A lesson page longer than 200 words (markup, images and URLs not counted) gets a warning."""
    complete(content)
    content.replace(LESSON, "Ensimmäinen kappale.\n", "sana " * 198 + "\n\n## Otsikko\n")
    assert warnings(content) == []
    content.replace(LESSON, "## Otsikko\n", "## Otsikko kaksi\n")
    assert warnings(content) == [f"content/{LESSON}:7: warning: the lesson has 201 words, more than 200 on "
                                 "one page: split it into steps"]


def test_a_lesson_without_plain_language_is_warned_about(content):
    """A lesson without .selko.md gets a warning; an activity does not need one."""
    complete(content)
    content.path(f"{MODULE}/01-eka.selko.md").unlink()
    assert warnings(content) == [f"content/{LESSON}:1: warning: no plain-language version (01-eka.selko.md)"]


def test_a_step_or_module_without_swedish_or_english_is_warned_about(content):
    """Each missing sv or en version of a module or step is one warning, and the check still passes."""
    complete(content)
    content.path(f"{MODULE}/module.sv.md").unlink()
    content.path(f"{MODULE}/03-tehtava.en.md").unlink()
    assert warnings(content) == [
        f"content/{MODULE}/03-tehtava.md:1: warning: no en version (03-tehtava.en.md)",
        f"content/{MODULE}/module.md:1: warning: no sv version (module.sv.md)",
    ]
    assert content.problems() == []


def test_a_course_without_swedish_or_english_is_warned_about(content):
    """The course page itself needs its sv and en versions too."""
    complete(content)
    content.path("courses/demo/course.en.md").unlink()
    assert warnings(content) == ["content/courses/demo/course.md:1: warning: no en version (course.en.md)"]


def test_a_picture_without_alt_text_is_warned_about(content):
    """An image with empty alt text, in the main file or a variant, gets a warning at its line."""
    complete(content)
    content.replace(LESSON, "![Kuva puhelimesta](kuva.svg)", "![](kuva.svg)")
    assert warnings(content) == [f"{content.at(LESSON, 'kuva.svg')}: warning: image kuva.svg has no alt text: "
                                 "describe what it shows, ![...](kuva.svg)"]


def test_an_svg_without_a_title_is_warned_about(content):
    """An SVG picture needs a <title>, the name screen readers and search read."""
    complete(content)
    content.write(f"{MODULE}/kuva.svg", '<svg xmlns="http://www.w3.org/2000/svg"><title> </title></svg>\n')
    assert warnings(content) == [f"{content.at(LESSON, 'kuva.svg')}: warning: picture kuva.svg has no <title>: "
                                 "name what it shows"]


def test_the_command_prints_warnings_and_passes(app, content):
    """`flask content check` prints warnings but exits 0 when there is no problem."""
    complete(content)
    content.path(f"{MODULE}/01-eka.selko.md").unlink()
    result = app.test_cli_runner().invoke(args=["content", "check", str(content.root)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"content/{LESSON}:1: warning: no plain-language version (01-eka.selko.md)",
        "content ok: 19 files, 1 warning(s)",
    ]


def test_an_unknown_placeholder_is_a_problem(content):
    """Only {{ organiser }} is filled in; a misspelt placeholder would reach learners, so it fails."""
    content.replace(LESSON, "Ensimmäinen kappale.", "Palvelut järjestää {{ organiser }}, ei {{ organizer }}.")
    assert content.problems() == [f"{content.at(LESSON, 'organizer')}: unknown placeholder {{{{ organizer }}}} "
                                  "(known: {{ organiser }})"]
