"""The progress helper the long commands share: a bar in place on a terminal."""

import io

from elearning.progress import progress_printer


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_is_redrawn_in_place_and_ends_its_line():
    screen = Terminal()
    progress = progress_printer("Installing", stream=screen)
    for done in range(4):
        progress(done, 3)
    progress.finish()
    assert screen.getvalue().count("\r") == 4
    assert screen.getvalue().endswith("\rInstalling [" + "#" * 30 + "] 3/3\n")


def test_a_bar_cut_short_ends_its_line_when_finished():
    screen = Terminal()
    progress = progress_printer("Applying", stream=screen)
    progress(1, 3)
    progress.finish()
    progress.finish()
    assert screen.getvalue() == "\rApplying [" + "#" * 10 + "." * 20 + "] 1/3\n"
