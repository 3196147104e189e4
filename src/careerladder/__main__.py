"""``python -m careerladder``: the same as the ``careerladder`` command."""

from ._cli import run

if __name__ == "__main__":
    run()
