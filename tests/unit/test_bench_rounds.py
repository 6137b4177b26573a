"""The benchmark compares each page with the baseline measured right before it (issue 7)."""

from types import SimpleNamespace

import bench.run as run


def test_a_drifting_machine_does_not_move_the_ratio(monkeypatch):
    # The machine slows down by half between rounds; the page is always a third of the baseline.
    speeds = iter([900, 300, 600, 200, 450, 150])

    def fake_wrk(base, path, cookie, args, lua_path, seconds):
        assert seconds == 3
        rps = next(speeds)
        return {"requests": rps * seconds, "rps": rps, "p50_ms": 1000 / rps, "p99_ms": 2000 / rps,
                "max_ms": 3000 / rps, "errors_status": 0, "errors_other": 0}

    monkeypatch.setattr(run, "wrk", fake_wrk)
    args = SimpleNamespace(duration=10, rounds=3)
    row = run.measure("http://127.0.0.1:1", {"path": "/learn/"}, "cookie", args, "hook.lua")
    assert round(row["ratio"], 3) == round(1 / 3, 3)
    assert row["rps"] == (300 + 200 + 150) / 3
    assert row["p99_ms"] == 2000 / 150, "the worst round's p99"
    assert [b["rps"] for b in row["baseline_runs"]] == [900, 600, 450]


def test_the_report_shows_the_ratios_and_verdicts():
    def page(name, kind, rps, ratio, p99):
        return {"name": name, "kind": kind, "rps": rps, "p50_ms": 5.0, "p99_ms": p99, "ratio": ratio,
                "queries": 3, "inprocess_ms": 2.0, "errors_status": 0, "errors_other": 0,
                "baseline_runs": [{"rps": 1000}, {"rps": 500}]}

    pages = [page("/healthz (baseline)", "baseline", 750, 1.0, 20), page("My path", "learner", 400, 0.55, 90),
             page("review queue", "coach", 100, 0.2, 140)]
    summary = {"counts": {"users": 10}, "build_seconds": 1.0, "seed": 7, "database_url": "sqlite:///x"}
    args = SimpleNamespace(workers=2, threads=2, connections=16, duration=10, rounds=3)
    text = run.report(pages, [], summary, args, [100, 100], {"load_start": "0.00"})
    assert "4 runs between 500 and 1000 requests/s" in text
    assert "| My path | 400 | 5.0 | 90.0 | 0.55 |" in text and "≥ 50% ok, p99 ok" in text
    assert "≥ 30% MISSED, p99 MISSED" in text
    assert "no fragment kept" not in text
    pages[1]["inprocess_fresh_ms"] = 4.0  # a page that keeps fragments is also shown as a first visit
    text = run.report(pages, [], summary, args, [100, 100], {"load_start": "0.00"})
    assert "| My path, in-process with no fragment kept (a first visit) | 4.0 ms (0.50 × baseline), " \
           "against 2.0 ms with them kept |" in text


def test_sessions_are_made_at_first_use_and_again_when_old(monkeypatch):
    made = []
    now = [5.0]  # a freshly booted machine: its monotonic clock is still near zero

    def fake_session_for(base, username, password):
        made.append(username)
        return f"session={username}{len(made)}", None

    monkeypatch.setattr(run, "session_for", fake_session_for)
    monkeypatch.setattr(run.time, "monotonic", lambda: now[0])
    cookie_for = run.Sessions("http://127.0.0.1:1", {"learner": "l1", "coach": "c1", "password": "pw"})
    assert cookie_for(None) == ""
    assert cookie_for("learner") == "session=l11"
    assert cookie_for("learner") == "session=l11"
    now[0] += run.SESSION_MAX_AGE + 1
    assert cookie_for("learner") == "session=l12"
    assert cookie_for("coach") == "session=c13"
    assert made == ["l1", "l1", "c1"]
