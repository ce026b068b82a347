"""Reading a page's tables the way a user reads them: rows of cell texts, by table id."""

from html.parser import HTMLParser


class Tables(HTMLParser):
    """The page's tables by id: lists of rows of cell texts (headings included), and each row's first link."""

    def __init__(self, page: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: dict[str, list[str | None]] = {}
        self._table = self._row = self._cell = None
        self._link = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self._table = self.tables.setdefault(attrs["id"], [])
            self._links = self.links.setdefault(attrs["id"], [])
        elif tag == "tr" and self._table is not None:
            self._row, self._link = [], None
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "a" and self._row is not None and self._link is None:
            self._link = attrs.get("href")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._links.append(self._link)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
