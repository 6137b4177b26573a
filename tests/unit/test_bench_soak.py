"""The soak under gunicorn: how it reads a worker's memory and fits its slope (bench/soak_servers.py)."""

from bench import soak, soak_servers


def test_a_worker_that_levels_off_has_no_slope_in_the_last_third():
    """Warm-up growth shows in the first third's slope; a flat end gives a last-third slope of zero."""
    samples = [{"minute": minute / 2, "rss": {7: min(146 + minute, 151.0)}} for minute in range(25)]
    row = soak_servers.thirds(samples, 12)[7]
    assert (row["start_mib"], row["middle_mib"], row["end_mib"]) == (146, 151.0, 151.0)
    assert row["first_third_mib_per_min"] > 1 and row["last_third_mib_per_min"] == 0


def test_a_steady_leak_keeps_its_slope_to_the_end():
    """A worker that grows 0.35 MiB a minute shows 0.35 in both thirds."""
    samples = [{"minute": minute / 2, "rss": {7: 150 + 0.35 * minute / 2}} for minute in range(21)]
    row = soak_servers.thirds(samples, 10)[7]
    assert round(row["first_third_mib_per_min"], 3) == round(row["last_third_mib_per_min"], 3) == 0.35


def test_a_sign_in_in_flight_does_not_count_as_kept_memory(monkeypatch):
    """A read that lands inside a sign-in's 64 MiB Argon2 hash is outweighed by the reads around it."""
    reads = iter([{7: 151.0, 8: 150.0}, {7: 215.0, 8: 150.1}, {7: 151.1, 8: 150.2}])
    monkeypatch.setattr(soak_servers, "worker_rss", lambda master: next(reads))
    monkeypatch.setattr(soak_servers.time, "sleep", lambda seconds: None)
    assert soak_servers.settled_rss(1) == {7: 151.0, 8: 150.0}


def test_the_in_process_soak_still_takes_its_minutes_as_an_argument():
    """`python -m bench.soak 6` and `--minutes 6` mean the same; --servers picks the gunicorn soak."""
    assert soak.arguments(["6"]).minutes == soak.arguments(["--minutes", "6"]).minutes == 6
    options = soak.arguments(["--servers", "--postgres", "--minutes", "10"])
    assert options.servers and options.postgres and options.rate == 70 and options.workers == 2
