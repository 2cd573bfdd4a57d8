"""A long command's progress line: redrawn in place on a terminal, whole lines every tenth into a log."""

import io

import pytest
from django.core.management.base import OutputWrapper

from ambassador.core import progress as progress_module
from ambassador.core.progress import progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(progress_module, "clock", clock)
    return clock


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_into_a_log_a_line_is_written_each_tenth_and_at_the_end(clock):
    stream = io.StringIO()
    with progress(20, label="Storing", stream=stream) as bar:
        for _ in range(20):
            clock.now += 0.5
            bar.update()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert len(lines) == 10  # at 2, 4, ..., 18 of 20, then the final line
    assert lines[0] == "Storing: 2/20 ( 10%) 2.0/s ETA 00:09"
    assert lines[-1] == "Storing: 20/20 (100%) 2.0/s in 00:10"


def test_the_total_comes_from_the_iterable_and_each_item_counts_once():
    stream = io.StringIO()
    items = list(progress(range(3), label="Gathering", stream=stream))
    assert items == [0, 1, 2]
    assert stream.getvalue().splitlines()[-1].startswith("Gathering: 3/3 (100%)")


def test_on_a_terminal_the_line_is_redrawn_in_place_and_ends_with_a_newline(clock):
    stream = Terminal()
    bar = progress(total=3, label="Flagging", stream=OutputWrapper(stream))
    for _ in range(3):
        clock.now += 1
        bar.update()
    bar.label = "Flagging: done"
    bar.close()
    bar.close()
    text = stream.getvalue()
    assert text.count("\r") == 4
    assert text.endswith("\rFlagging: done: 3/3 (100%) 1.0/s in 00:03\n")
    assert text.count("\n") == 1


def test_without_a_stream_nothing_is_written_and_without_a_total_the_count_is_shown():
    with progress(label="Quiet", stream=None) as bar:
        bar.update(5)
    assert bar.done == 5
    stream = io.StringIO()
    with progress(label="Rows", stream=stream) as bar:
        bar.update(1500)
    assert stream.getvalue().startswith("Rows: 1,500")
