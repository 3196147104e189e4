"""Command-line interface (placeholder until the CLI lands)."""


def main() -> int:
    """Run the command line."""
    return 0
