"""The progress bar of long commands: redrawn in place on a terminal, one line a stage anywhere else."""

from io import StringIO

import pytest
from django.core.management.base import OutputWrapper

from ambassador.core import progress
from ambassador.core.progress import Progress


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_outside_a_terminal_a_stage_writes_one_line_when_it_ends():
    stream = StringIO()
    with Progress(stream=stream, label="commitments", total=1_000) as bar:
        for _ in range(10):
            bar.advance(100)
        assert stream.getvalue() == ""
    output = stream.getvalue()
    assert output.count("\n") == 1
    assert "\r" not in output
    assert "commitments" in output
    assert "100%" in output
    assert "1,000/1,000 rows" in output


def test_on_a_terminal_the_bar_is_redrawn_in_place(monkeypatch):
    monkeypatch.setattr(progress, "REDRAW_EVERY", 0)
    stream = Terminal()
    with Progress(stream=stream, label="meetings", total=4) as bar:
        for _ in range(4):
            bar.advance()
    output = stream.getvalue()
    assert output.count("\r") == 6  # on entering, at each of the 4 steps, and at the end
    assert output.endswith("\n")
    assert "[###############...............]  50%" in output
    assert "[##############################] 100%" in output


def test_an_unknown_total_counts_without_a_bar():
    stream = StringIO()
    with Progress(stream=stream, label="steps", total=None, unit="steps") as bar:
        bar.advance(3)
    assert "[" not in stream.getvalue()
    assert "3 steps" in stream.getvalue()


def test_a_stage_that_fails_says_it_stopped():
    stream = StringIO()
    with pytest.raises(RuntimeError), Progress(stream=stream, label="flags", total=10) as bar:
        bar.advance(4)
        raise RuntimeError("boom")
    assert "4/10 rows" in stream.getvalue()
    assert "(stopped)" in stream.getvalue()


def test_writes_to_a_command_output_without_adding_line_endings():
    stream = StringIO()
    with Progress(stream=OutputWrapper(stream), label="topics", total=2) as bar:
        bar.advance(2)
    assert stream.getvalue().count("\n") == 1
