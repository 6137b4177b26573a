"""The service part of the benchmark data set: a period per learner, a year of participation days (four
weekdays a week, about 4 million rows at full size) and a one-to-one meeting every two weeks.
"""

from datetime import UTC, date, datetime, timedelta

from bench.build_data import bulk

YEAR_START = date(2025, 1, 6)  # a Monday
WEEKS = 52
MODES = ("on_site", "on_site", "on_site", "remote", "remote")
MEETING_MODES = ("on_site", "phone", "video", "chat")
REASONS = ("ill", "appointment", "leave", "no_notice", "other")


def build_service(db, rng, timer, learner_ids, coach_of_learner) -> dict:
    from service.attendance_models import ParticipationDay
    from service.models import Meeting, ServicePeriod

    counts = {}
    with timer("service periods, participation days and meetings"):
        kinds = ("kuntouttava_tyotoiminta", "sosiaalinen_kuntoutus", "other")
        counts["service periods"] = bulk(db, ServicePeriod.__table__, (
            {"learner_id": lid, "kind": kinds[i % 3], "starts_on": YEAR_START,
             "planned_end_on": YEAR_START + timedelta(weeks=WEEKS), "days_per_week": 4, "participation": "hybrid",
             "contact_channels": "phone video on_site", "review_every_months": 3, "learner_notes": "",
             "created_by_id": coach_of_learner[lid], "created_at": datetime(2025, 1, 2, tzinfo=UTC)}
            for i, lid in enumerate(learner_ids)))

        def days():
            for lid in learner_ids:
                day_off = rng.randrange(5)
                coach = coach_of_learner[lid]
                for week in range(WEEKS):
                    monday = YEAR_START + timedelta(weeks=week)
                    for weekday in range(5):
                        if weekday == day_off:
                            continue
                        absent = rng.random() < 0.08
                        yield {"learner_id": lid, "day": monday + timedelta(days=weekday),
                               "mode": "absent" if absent else MODES[rng.randrange(len(MODES))],
                               "absence_reason": REASONS[rng.randrange(len(REASONS))] if absent else None,
                               "recorded_by_id": coach, "confirmed": True, "version": 1,
                               "recorded_at": datetime.combine(monday, datetime.min.time(), UTC)}

        counts["participation days"] = bulk(db, ParticipationDay.__table__, days())

        def meetings():
            for lid in learner_ids:
                coach = coach_of_learner[lid]
                start = datetime.combine(YEAR_START, datetime.min.time(), UTC) + timedelta(
                    days=rng.randrange(10), hours=8 + rng.randrange(7))
                for fortnight in range(WEEKS // 2):
                    mode = MEETING_MODES[rng.randrange(len(MEETING_MODES))]
                    held = rng.random() < 0.9
                    at = start + timedelta(weeks=2 * fortnight)
                    yield {"coach_id": coach, "learner_id": lid, "group_id": None, "starts_at": at, "minutes": 45,
                           "mode": mode, "video_link": None, "planned_note": "", "created_at": at,
                           "state": "held" if held else "not_held", "held_mode": mode if held else None,
                           "not_held_reason": None if held else "Sairastui", "marked_at": at}

        counts["meetings"] = bulk(db, Meeting.__table__, meetings())
        db.session.commit()
    with timer("figure cells (flask figures rebuild)"):
        from service.figure_cells import rebuild

        counts["figure cells"] = rebuild()
        db.session.commit()
    return counts
