"""Review: one claim at a time, in its paragraph, labelled from the keyboard."""

from workbench.ui import db, identity, keys, review_panel, search
from workbench.ui.i18n import t

reviewer = identity.current().name
review_panel.panel(reviewer)
keys.hints(t("review.keys"))
with db.store() as store:
    search.finder(store, reviewer)
