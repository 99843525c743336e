"""One colour per verdict, everywhere (buttons, charts, the article view), always beside its word.

Okabe-Ito colours, which stay apart for the common colour-blindnesses: bluish green for verified,
orange (amber) for unverified, vermillion for disputed; darkened where white text sits on them.
"""

from __future__ import annotations

from workbench.models import Status

COLOURS = {Status.VERIFIED: "#00775a", Status.UNVERIFIED: "#e69f00", Status.DISPUTED: "#c24e00"}
TEXT_ON = {Status.VERIFIED: "#ffffff", Status.UNVERIFIED: "#111111", Status.DISPUTED: "#ffffff"}
SYMBOLS = {Status.VERIFIED: "✓", Status.UNVERIFIED: "?", Status.DISPUTED: "✗"}  # a shape as well as a colour
UNLABELLED = "#9ca3af"

# Our own constant style, no page data in it: the verdict buttons of the Review page by their keys
# (label-<status>-<claim>), the chosen one filled with its colour, the others edged with it.
_BUTTONS = "\n".join(
    f'[class*="st-key-label-{s.value}-"] button {{border-left:0.4rem solid {c};}}\n'
    f'[class*="st-key-label-{s.value}-"] button[kind="primary"],'
    f'[class*="st-key-label-{s.value}-"] button[data-testid="stBaseButton-primary"]'
    f" {{background:{c};border-color:{c};color:{TEXT_ON[s]};}}"
    for s, c in COLOURS.items()
)
BUTTON_STYLE = f"<style>{_BUTTONS}</style>"


def chart_colours(statuses: list[Status]) -> list[str]:
    return [COLOURS[s] for s in statuses]
