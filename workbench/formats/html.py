"""HTML pages in: the main text extracted by trafilatura (no navigation, footers, cookie banners), with metadata.

trafilatura only reads the bytes it is given here: nothing is fetched (see formats/fetch.py for URLs).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidInput

HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str = ""
    author: str = ""
    published: str = ""
    url: str = ""  # the page's canonical URL, when it names one
    outlet: str = ""  # the site name


def extract_html(html: str, *, where: str = "", url: str | None = None) -> Extracted:
    """The article in an HTML page; InvalidInput if the page holds no article text."""
    import trafilatura  # imported here: it loads lxml and its date parsers, which most imports never need

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        raise InvalidInput(f"{where}no article text found in this HTML page")

    def field(name: str) -> str:
        value = getattr(document, name, None)
        return " ".join(str(value).split()) if value else ""

    return Extracted(
        text=text,
        title=field("title"),
        author=field("author"),
        published=field("date"),
        url=field("url"),
        outlet=field("sitename"),
    )
