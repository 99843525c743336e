"""Keyboard help for fast review: Escape leaves a text field, so 1/2/3 and the arrows work again."""

import streamlit as st

# Our own constant script, no page data in it. Streamlit ignores shortcuts while a text field
# has focus (so typing "1" in a note doesn't label); Escape gives the keys back.
_BLUR_ON_ESCAPE = """
<script>
if (!window.__workbenchEscape) {
  window.__workbenchEscape = true;
  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key === "Escape" && field && field.matches && field.matches("input, textarea")) {
      field.blur();
    }
  }, true);
}
</script>
"""


def escape_leaves_text_fields() -> None:
    st.html(_BLUR_ON_ESCAPE, unsafe_allow_javascript=True)
