"""What circle-tui draws as pixels or block characters: the printable card, the bundled font, the QR code in a terminal."""
