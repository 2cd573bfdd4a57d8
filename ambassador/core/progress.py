"""Progress of a long command, written to its stderr: a stage name, done of total, rate and time left.

    with progress(total=4, label="flag_overdue", stream=self.stderr) as bar:
        ...
        bar.update()

    for batch in progress(batches, label="Storing", stream=self.stderr):
        ...

On a terminal the line is redrawn in place (``\\r``) at most ten times a second; into a file or a
pipe (a log, CI) it is written as whole lines, one each time another tenth of the total is done,
so a log shows the progress without thousands of redraws. The last line, with the elapsed time,
is written when the block or the loop ends. ``label`` may be changed as the work moves from one
stage to the next; the next line shows it. With ``stream=None`` nothing is written (a quiet run).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any

# On a terminal, the shortest time between two redraws.
REDRAW_SECONDS = 0.1
# Off a terminal, a line each time another 1/LINES_PER_TOTAL of the total is done (or, with no total, this often).
LINES_PER_TOTAL = 10
LINE_EVERY_SECONDS = 10.0


def clock() -> float:
    """Seconds on a clock that only moves forward (the tests set their own)."""
    return time.monotonic()


def format_seconds(seconds: float) -> str:
    """``mm:ss``, or ``h:mm:ss`` past an hour."""
    return _duration(seconds)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def _raw(stream: Any) -> Any:
    """The stream under a management command's ``OutputWrapper``, which would end every write with a newline."""
    return getattr(stream, "_out", stream)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts work done and draws it; an iterator over ``iterable`` and a context manager. See the module."""

    def __init__(
        self, iterable: Iterable | None, *, label: str, stream: IO[str] | None, total: int | None
    ) -> None:
        self.iterable = iterable
        self.label = label
        self.total = total
        self.done = 0
        self._stream = _raw(stream)
        self._tty = _isatty(self._stream)
        self._started = clock()
        self._drawn_at = -math.inf
        self._next_line = 1  # the next line is due at this many tenths of the total
        self._closed = False
        self._width = 0

    @property
    def elapsed(self) -> float:
        """Seconds since the work began."""
        return clock() - self._started

    def __iter__(self) -> Iterator:
        try:
            for item in self.iterable or ():
                yield item
                self.update()
        finally:
            self.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def update(self, n: int = 1) -> None:
        """Counts ``n`` more units done, and draws the line when it is due."""
        self.done += n
        now = clock()
        if self._tty:
            if now - self._drawn_at >= REDRAW_SECONDS:
                self._draw(now)
        elif self.total:
            if self._due(self._next_line) <= self.done < self.total:
                while self._due(self._next_line) <= self.done:
                    self._next_line += 1
                self._draw(now)
        elif now - self._drawn_at >= LINE_EVERY_SECONDS:
            self._draw(now)

    def _due(self, tenth: int) -> int:
        """The count at which the ``tenth``-th line is due (rounded up)."""
        return -(-self.total * tenth // LINES_PER_TOTAL)

    def close(self) -> None:
        """Draws the final line, with the elapsed time, once."""
        if self._closed:
            return
        self._closed = True
        self._draw(clock(), final=True)

    def line(self, now: float | None = None, *, final: bool = False) -> str:
        """The text of the progress line at ``now``."""
        now = clock() if now is None else now
        elapsed = max(now - self._started, 0.0)
        rate = self.done / elapsed if elapsed > 0 else 0.0
        parts = [f"{self.label}:"]
        if self.total:
            parts.append(f"{self.done:,}/{self.total:,} ({min(self.done / self.total, 1.0):4.0%})")
        else:
            parts.append(f"{self.done:,}")
        if rate:
            parts.append(f"{rate:,.1f}/s")
        if final:
            parts.append(f"in {_duration(elapsed)}")
        elif self.total and rate and self.done < self.total:
            parts.append(f"ETA {_duration((self.total - self.done) / rate)}")
        return " ".join(parts)

    def _draw(self, now: float, *, final: bool = False) -> None:
        self._drawn_at = now
        if self._stream is None:
            return
        text = self.line(now, final=final)
        if self._tty:
            padding = " " * max(self._width - len(text), 0)
            self._width = len(text)
            self._stream.write(f"\r{text}{padding}" + ("\n" if final else ""))
        else:
            self._stream.write(text + "\n")
        self._stream.flush()


def progress(
    iterable_or_total: Iterable | int | None = None, *, label: str, stream: IO[str] | None, total: int | None = None
) -> Progress:
    """A progress line for a loop (pass the iterable) or for work counted by hand (pass the total).

    ``total`` defaults to the iterable's length when it has one.
    """
    if isinstance(iterable_or_total, int):
        return Progress(None, label=label, stream=stream, total=iterable_or_total if total is None else total)
    if total is None and iterable_or_total is not None:
        try:
            total = len(iterable_or_total)  # type: ignore[arg-type]
        except TypeError:
            total = None
    return Progress(iterable_or_total, label=label, stream=stream, total=total)


def step(bar: Progress | None, label: str, n: int = 1) -> None:
    """Counts ``n`` units of ``bar`` done under the stage name ``label``; does nothing without a bar.

    For services that a command may follow: they take an optional ``Progress`` and call this after
    each stage, and write nothing themselves.
    """
    if bar is not None:
        bar.label = label
        bar.update(n)
