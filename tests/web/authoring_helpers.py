"""Reading a page's form as a browser would send it, for the content editor's tests."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.fields, self.textarea, self.select = action, False, [], None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self.select and (self.fields[-1][1] is None or "selected" in a):
            self.fields[-1] = (self.fields[-1][0], a.get("value"))
        if tag == "form":
            self.inside = a.get("method") == "post" and a.get("action", "").split("?")[0] == self.action
        elif not self.inside or "name" not in a:
            return
        elif tag == "input" and a.get("type") in ("checkbox", "radio"):
            if "checked" in a:
                self.fields.append((a["name"], a.get("value", "y")))
        elif tag == "input" and a.get("type") not in ("submit", "button"):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self.textarea = [a["name"], ""]
        elif tag == "select":
            self.fields.append((a["name"], None))
            self.select = True

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = False
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None


def read_form(html: str, action: str) -> dict:
    """The values of the POST form whose action is `action` (lists for repeated names)."""
    reader = _FormReader(action)
    reader.feed(html)
    values: dict = {}
    for name, value in reader.fields:
        values.setdefault(name, []).append(value or "")
    return {name: v[0] if len(v) == 1 else v for name, v in values.items()}
