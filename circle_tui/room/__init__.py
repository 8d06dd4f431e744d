"""The room view's side of the session: what the room may see, and how it reaches a second
screen (a Unix socket on this laptop, never the network)."""
