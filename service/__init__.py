"""The rehabilitative service around the modules: periods, plans, goals, reviews, meetings."""
