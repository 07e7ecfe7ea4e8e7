from tests.deals.fixtures import deal, frozen_clock, introduced, people  # noqa: F401
