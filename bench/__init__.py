"""The benchmark of ./scripts/bench: a city-sized data set, a load run and its report."""
