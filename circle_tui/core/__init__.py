"""The circle's truth in plain Python: no Textual, no TinyDB (a test enforces it)."""
