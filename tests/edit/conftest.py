from tests.edit.edit_fixtures import aligned  # noqa: F401  (the fixture)
