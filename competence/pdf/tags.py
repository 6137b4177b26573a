"""Two repairs of WeasyPrint's PDF/UA tags, made on its in-memory PDF just before it is written
(WeasyPrint's `finisher` hook), so nothing is parsed again.

- The running footer (the page-margin boxes) is marked content whose structure elements hang from
  nothing the tag tree reaches, so assistive technology never finds it and checkers flag it: it is
  page furniture, so it becomes an artifact.
- Table header cells have no /Scope, and data cells name their headers by /ID without the /IDTree
  that resolves those IDs: headers get a scope (Column in the table head, Row elsewhere) and the
  structure tree gets its IDTree.
"""

import pydyf


def finish(document, pdf: pydyf.PDF) -> None:
    """WeasyPrint's finisher: repair the tags of `pdf` in place."""
    root = _get(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    reachable, ids = _walk(pdf, root)
    for element in reachable.values():
        if element.get("S") == "/TH":
            _give_scope(pdf, element)
    if ids:
        names = pydyf.Array()
        for key in sorted(ids):
            names.extend([pydyf.String(key), ids[key]])
        root["IDTree"] = pydyf.Dictionary({"Names": names})
    _footers_as_artifacts(pdf, root, reachable)


def _number(reference) -> int | None:
    """The object number of a reference as pydyf writes it (b"12 0 R"), else None (an MCID)."""
    if isinstance(reference, bytes | str):
        text = reference.decode() if isinstance(reference, bytes) else reference
        parts = text.split()
        if len(parts) == 3 and parts[2] == "R" and parts[0].isdigit():
            return int(parts[0])
    return None


def _get(pdf: pydyf.PDF, reference):
    number = _number(reference)
    return pdf.objects[number] if number is not None and number < len(pdf.objects) else None


def _walk(pdf: pydyf.PDF, root) -> tuple[dict, dict]:
    """{object number: element} of every structure element the root reaches, and {ID: reference}."""
    reachable, ids, pending = {}, {}, [root]
    while pending:
        kids = pending.pop().get("K", ())
        for kid in kids if isinstance(kids, list) else [kids]:
            number = _number(kid)
            element = _get(pdf, kid)
            if isinstance(element, dict) and "S" in element and number not in reachable:
                reachable[number] = element
                if "ID" in element:
                    ids[getattr(element["ID"], "string", str(element["ID"]))] = kid
                pending.append(element)
    return reachable, ids


def _give_scope(pdf: pydyf.PDF, header) -> None:
    row = _get(pdf, header.get("P"))
    section = _get(pdf, row.get("P")) if row is not None else None
    scope = "/Column" if section is not None and section.get("S") == "/THead" else "/Row"
    attributes = header.get("A")
    if isinstance(attributes, dict):
        attributes["Scope"] = scope
    else:
        header["A"] = pydyf.Dictionary({"O": "/Table", "Scope": scope})


def _footers_as_artifacts(pdf: pydyf.PDF, root, reachable: dict) -> None:
    numbers = _get(pdf, root.get("ParentTree")).get("Nums", ())
    parents = {numbers[i]: numbers[i + 1] for i in range(0, len(numbers) - 1, 2)}
    for index, page_reference in enumerate(pdf.page_references):
        mapping = parents.get(index)
        if not isinstance(mapping, list):
            continue
        lost = {mcid for mcid, element in enumerate(mapping) if _number(element) not in reachable}
        if not lost:
            continue
        contents = _get(pdf, _get(pdf, page_reference)["Contents"])
        commands = contents.stream
        for position, command in enumerate(commands):
            if isinstance(command, dict) and command.get("MCID") in lost and position + 1 < len(commands) \
                    and commands[position + 1] == b"BDC":
                commands[position - 1], commands[position], commands[position + 1] = "/Artifact", b"", b"BMC"
        for mcid in lost:
            mapping[mcid] = "null"
