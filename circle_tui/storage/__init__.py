"""The attendance log on disk: atomic writes, one writer, a fixed counts-only schema."""
