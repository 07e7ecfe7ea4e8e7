"""Exact selection of applicants under per-country quotas (pure Python, no Django)."""

from .model import Applicant, CountryQuota, Selection, SelectionInfeasible
from .solve import select_applicants

__all__ = ["Applicant", "CountryQuota", "Selection", "SelectionInfeasible", "select_applicants"]
