"""The `frontline` command line: one click group, its commands in modules by what they do."""

from frontline.cli import app, records, reports  # noqa: F401  (each registers its commands)
from frontline.cli.common import main

__all__ = ["main"]
