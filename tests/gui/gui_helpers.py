"""Constants shared by the GUI tests and their fixtures (tests/gui/conftest.py)."""

COUNSELLOR_LOGIN = "mdupont"
COUNSELLOR_PASSWORD = "mot-de-passe-fictif"
