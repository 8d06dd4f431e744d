"""The Textual app: screens hold layout and keys, the core holds the truth."""
