"""A progress bar for long management commands, written to the command's own output.

On a terminal the bar is redrawn in place (``\\r``) as work advances; anywhere else (a log file, a
pipe, the test suite's captured output) each stage writes one line when it ends, so logs are not
filled with redraws. ``total`` may be unknown (None): the line then counts without a bar.

    with Progress(stream=self.stdout, label="commitments", total=1_000_000) as bar:
        for chunk in chunks:
            ...
            bar.advance(len(chunk))
"""

from __future__ import annotations

import time
from typing import IO

from django.core.management.base import OutputWrapper

BAR_WIDTH = 30
# A redraw at most this often (seconds): a bar that advances per row must not cost more than the work.
REDRAW_EVERY = 0.1


def _write(stream, text: str) -> None:
    if isinstance(stream, OutputWrapper):
        stream.write(text, ending="")
    else:
        stream.write(text)
    stream.flush()


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def format_seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest:02d} s"


class Progress:
    """How far one stage of a long command has come: done of total, with the time since it started."""

    def __init__(self, *, stream: IO[str] | OutputWrapper, label: str, total: int | None, unit: str = "rows") -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.unit = unit
        self.done = 0
        self.started = time.monotonic()
        self.interactive = _isatty(stream)
        self._drawn_at = 0.0
        self._closed = False

    def __enter__(self) -> Progress:
        if self.interactive:
            self._draw()
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        self.close(failed=exc_type is not None)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.interactive and time.monotonic() - self._drawn_at >= REDRAW_EVERY:
            self._draw()

    def line(self) -> str:
        """The bar as one line of text, without a line ending."""
        done = f"{self.done:,}"
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = round(BAR_WIDTH * share)
            bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%} "
            done = f"{done}/{self.total:,}"
        else:
            bar = ""
        return f"{self.label:<30} {bar}{done} {self.unit}  {format_seconds(self.elapsed)}"

    def close(self, *, failed: bool = False) -> None:
        if self._closed:
            return
        self._closed = True
        ending = "  (stopped)" if failed else ""
        if self.interactive:
            _write(self.stream, f"\r{self.line()}{ending}\n")
        else:
            _write(self.stream, f"{self.line()}{ending}\n")

    def _draw(self) -> None:
        self._drawn_at = time.monotonic()
        _write(self.stream, f"\r{self.line()}")
