"""Search effort: the wall clock, or a fixed number of steps for repeatable runs, plus
progress reports to the caller."""

import time
from collections.abc import Callable

ProgressCallback = Callable[[float, str], None]

# Checking the clock on every step would cost more than some steps themselves.
CLOCK_EVERY = 64
REPORT_EVERY_SECONDS = 0.25


class Progress:
    """Forwards progress to the caller's callback, never going backwards."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.fraction = 0.0
        self.last_report = 0.0

    def report(self, fraction: float, message: str, *, force: bool = True) -> None:
        if self.callback is None:
            return
        now = time.perf_counter()
        if not force and now - self.last_report < REPORT_EVERY_SECONDS:
            return
        self.fraction = min(1.0, max(self.fraction, fraction))
        self.last_report = now
        self.callback(self.fraction, message)


class Phase:
    """One stage of the search: stops at its deadline or after max_steps steps.

    With `counted` set, only the step count ends the phase (the clock is a safety net), so
    the same seed always walks the same path; the clock then decides nothing else either.
    """

    def __init__(
        self,
        *,
        name: str,
        deadline: float,
        max_steps: int,
        counted: bool,
        progress: Progress,
        progress_span: tuple[float, float],
    ) -> None:
        self.name = name
        self.started = time.perf_counter()
        self.deadline = deadline
        self.max_steps = max(0, max_steps)
        self.counted = counted
        self.progress = progress
        self.progress_span = progress_span
        self.steps = 0
        self.out_of_time = False

    @property
    def seconds(self) -> float:
        return max(0.0, self.deadline - self.started)

    def used_share(self) -> float:
        """How far through the phase: by steps, and unless counted, by time too."""
        by_steps = self.steps / self.max_steps if self.max_steps else 1.0
        if self.counted:
            return min(1.0, by_steps)
        span = max(self.deadline - self.started, 1e-9)
        return min(1.0, max(by_steps, (time.perf_counter() - self.started) / span))

    def step(self) -> bool:
        """Counts one step; False once the phase is over."""
        self.steps += 1
        if self.steps >= self.max_steps or self.out_of_time:
            return False
        if self.steps % CLOCK_EVERY == 0:
            if time.perf_counter() >= self.deadline:
                self.out_of_time = True
                return False
            low, high = self.progress_span
            self.progress.report(low + (high - low) * self.used_share(), self.name, force=False)
        return True


class Budget:
    """Splits the remaining time (and steps, when counted) between phases."""

    def __init__(self, *, seconds: float, max_steps: int | None, progress: Progress) -> None:
        self.started = time.perf_counter()
        self.deadline = self.started + max(0.0, seconds)
        self.total_seconds = max(seconds, 1e-9)
        self.counted = max_steps is not None
        self.steps_left = max_steps or 0
        self.progress = progress

    def seconds_left(self) -> float:
        return max(0.0, self.deadline - time.perf_counter())

    def fraction_done(self) -> float:
        return min(1.0, (time.perf_counter() - self.started) / self.total_seconds)

    def finish(self, phase: Phase) -> None:
        """Steps a phase did not need go back to the ones after it."""
        if self.counted:
            self.steps_left += max(0, phase.max_steps - phase.steps)

    def phase(self, *, name: str, share: float, natural_steps: int) -> Phase:
        """A phase with `share` of what is left; natural_steps caps it when more steps would
        not help (small instances finish early instead of idling until the deadline)."""
        now = time.perf_counter()
        seconds = self.seconds_left() * share
        if self.counted:
            steps = min(natural_steps, int(self.steps_left * share))
            self.steps_left -= steps
        else:
            steps = natural_steps
        start_fraction = self.fraction_done()
        end_fraction = start_fraction + (1 - start_fraction) * share
        self.progress.report(start_fraction, name)
        return Phase(
            name=name,
            deadline=now + seconds if not self.counted else self.deadline,
            max_steps=steps,
            counted=self.counted,
            progress=self.progress,
            progress_span=(start_fraction, end_fraction),
        )
