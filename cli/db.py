"""`orderbot db upgrade`: the database migrated, and what the upgrade left to decide."""

from __future__ import annotations

from l10n.translation import gettext
from settings import Settings


def upgrade(settings: Settings) -> int:
    """Migrate, then list what the upgrade left for people to decide (shared emails,
    values stored out of bounds before)."""
    import bootstrap
    from store.migrate import shared_emails
    from store.stored_bounds import out_of_bounds

    app = bootstrap.build(settings, migrate=True)
    try:
        for line in [*shared_emails(app.engine), *out_of_bounds(app.engine)]:
            print(line)
    finally:
        app.engine.dispose()
    print(gettext("database is at the newest schema"))
    return 0
