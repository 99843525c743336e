"""Keyboard help for fast review, as one constant script per page (no page data in it).

- Escape leaves a text field, so 1/2/3 and the arrows work again (Streamlit ignores shortcuts while a
  field has focus, so typing "1" in a note doesn't label).
- Escape in the sidebar's name box only leaves it: the drop-down's own Escape would clear the name.
- Pressing Enter in the name box, or choosing a name, moves focus out of it, so the first "1" labels.
- Pasting with no field focused puts the text into the claim's source-link field and commits it, so a
  link on the clipboard labels a claim in two actions: Ctrl+V, then 1, 2 or 3.
- 1, 2 or 3 pressed while the claim is shown but its verdict buttons are not yet (a page still loading)
  waits for that claim's button and presses it, instead of being lost.
"""

from __future__ import annotations

import uuid

import streamlit as st

from workbench.ui import palette

_KEYS = """
<script>
if (!window.__workbenchKeys) {
  window.__workbenchKeys = true;
  const nameBox = (el) => el && el.closest && el.closest(".st-key-reviewer-name");
  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key === "Escape" && nameBox(field)) {
      event.stopPropagation();
      event.preventDefault();
      field.blur();
      return;
    }
    if (event.key === "Escape" && field && field.matches && field.matches("input, textarea")) {
      field.blur();
    }
    if (event.key === "Enter" && nameBox(field)) {
      setTimeout(() => { if (document.activeElement === field) field.blur(); }, 0);
    }
  }, true);
  // A verdict key pressed while the page loads, the claim shown but no verdict button mounted yet (they
  // arrive after the claim, and their shortcut is bound only once mounted), used to be lost. It waits for
  // that claim's button instead, and presses it; never another claim's (the claim is in the key). Only
  // until the first verdict button has appeared: later, between one claim and the next, keys go to the
  // buttons shown or nowhere, as before, so a double tap never labels a claim that has only just appeared.
  // The claim is found as mark[data-claim], not by its class: tests look for the class to tell that a
  // claim is shown, and this script is on every page.
  const verdicts = {"1": "verified", "2": "unverified", "3": "disputed"};
  let waiting = null;
  let buttonsSeen = false;
  const verdictButton = (status, claim) => document.querySelector(`.st-key-label-${status}-${claim} button`);
  const anyVerdictButton = Object.values(verdicts).map((s) => `[class*="st-key-label-${s}-"] button`).join(", ");
  const pressWaiting = () => {
    if (!buttonsSeen && document.querySelector(anyVerdictButton)) buttonsSeen = true;
    if (!waiting) return;
    const shown = document.querySelector("mark[data-claim]");
    if (!shown || shown.dataset.claim !== waiting.claim || Date.now() - waiting.at > 10000) {
      waiting = null;  // another claim is shown now, or the page never offered the buttons
      return;
    }
    const button = verdictButton(waiting.status, waiting.claim);
    if (button && !button.disabled) {
      waiting = null;
      button.click();
    }
  };
  new MutationObserver(pressWaiting).observe(document.documentElement, {subtree: true, childList: true,
                                                                        attributes: true});
  document.addEventListener("keydown", (event) => {
    const status = verdicts[event.key];
    const target = event.target;
    if (!status || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable='true']")) return;
    const shown = document.querySelector("mark[data-claim]");
    if (!shown || !shown.dataset.claim) return;  // no claim seen yet: nothing to label
    if (buttonsSeen || document.querySelector(anyVerdictButton)) return;  // Streamlit's shortcuts, as before
    event.preventDefault();
    waiting = {status: status, claim: shown.dataset.claim, at: Date.now()};
  }, true);
  document.addEventListener("paste", (event) => {
    const target = event.target;
    if (target && target.closest && target.closest("input, textarea, [contenteditable='true']")) return;
    const field = document.querySelector("[class*='st-key-source-'] input");
    const text = ((event.clipboardData || window.clipboardData).getData("text") || "").trim();
    if (!field || !text) return;
    event.preventDefault();
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    field.focus();
    setter.call(field, text);
    field.dispatchEvent(new Event("input", {bubbles: true}));
    field.blur();
  }, true);
}
</script>
"""
# Streamlit runs an html element's script when the element is new: the nonce makes it new once.
_LEAVE_NAME_BOX = """
<script data-nonce="{nonce}">
const active = document.activeElement;
if (active && active.closest && active.closest(".st-key-reviewer-name")) active.blur();
</script>
"""
# On a phone there is no keyboard: the key hints would only take room.
_HINTS_STYLE = "<style>@media (max-width: 640px) { .st-key-key-hints { display: none; } }</style>"


def install() -> None:
    st.html(_KEYS + _HINTS_STYLE + palette.BUTTON_STYLE, unsafe_allow_javascript=True)


def leave_name_box() -> None:
    st.html(_LEAVE_NAME_BOX.format(nonce=uuid.uuid4().hex), unsafe_allow_javascript=True)


def hints(text: str) -> None:
    with st.container(key="key-hints"):
        st.caption(text)
