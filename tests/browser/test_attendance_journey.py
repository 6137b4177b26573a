"""A coach fills a week of attendance on a phone and staff open the figures: axe-clean, no sideways scrolling."""

from datetime import timedelta

import pytest

from service import attendance
from tests.attendance_factory import make_period
from tests.browser.conftest import PHONE, check_accessibility, no_horizontal_scroll
from tests.browser.test_accounts_journey import sign_in

pytestmark = pytest.mark.browser


def test_coach_fills_a_week_and_staff_open_the_figures(live_server, new_page, world):
    """Keyboard and phone: every day is a labelled choice, one save records the week, the figures show it."""
    today = attendance.today()
    for learner in (world.learner, world.learner2):
        make_period(learner, starts_on=today - timedelta(days=60), planned_end_on=today + timedelta(days=60))
    monday = attendance.monday_of(today) - timedelta(days=7)

    coach = new_page(viewport=PHONE)
    sign_in(coach, live_server, "coach")
    coach.goto(f"{live_server}/coach/groups/{world.group.id}")
    coach.get_by_role("link", name="Läsnäolo").click()
    coach.get_by_role("link", name="Edellinen viikko").click()
    assert coach.get_by_role("heading", level=1).is_visible()
    check_accessibility(coach, "attendance-week-360")
    assert no_horizontal_scroll(coach)
    first = coach.locator(f"#day-{world.learner.id}-{monday.isoformat()}")
    first.focus()
    first.press("ArrowDown")  # the keyboard alone chooses: the first mode after "Not recorded"
    for n in range(5):
        day = (monday + timedelta(days=n)).isoformat()
        coach.locator(f"#day-{world.learner2.id}-{day}").select_option("remote" if n % 2 else "on_site")
    coach.locator(f"#day-{world.learner.id}-{(monday + timedelta(days=1)).isoformat()}").select_option("absent:ill")
    coach.get_by_role("button", name="Tallenna viikko").click()
    assert coach.get_by_text("Tallennettu 7 päivää.").is_visible()
    assert coach.locator(f"#day-{world.learner2.id}-{monday.isoformat()}").input_value() == "on_site"

    admin = new_page(viewport=PHONE)
    sign_in(admin, live_server, "admin")
    month = monday.strftime("%Y-%m")
    admin.goto(f"{live_server}/staff/figures?from={month}&to={month}")
    assert admin.get_by_role("heading", level=1, name="Tilastot").is_visible()
    assert admin.get_by_role("img", name="Osallistumispäivät kuukausittain: työpajalla, etänä ja poissa").is_visible()
    assert admin.get_by_role("cell", name="< 5").first.is_visible()
    check_accessibility(admin, "figures-360")
    assert no_horizontal_scroll(admin)
