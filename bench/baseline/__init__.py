"""The benchmark's baseline: the simplest honest page, a minimal Flask app with no Verstas code."""
