"""A SCORM package's imsmanifest.xml, read as hostile input.

Pure (no Django, no clock): :func:`find` says where the manifest is among the archive's names
(refusing a manifest only in a sub-folder, an AICC course or no manifest), :func:`read` parses
it with defusedxml (no DTD, no entities, no external references) into a :class:`Package` and
checks it against the package's files. A refusal is :class:`ManifestRefused`, whose ``code`` and
``params`` a service turns into a message in the trainer's language (``MESSAGES`` holds the
English templates, marked for translation). What is refused, and where we are more lenient or
stricter than Moodle and SCORM Cloud: docs/decisions/0022.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET  # types only: parsing is defusedxml's
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import ParseError, fromstring  # type: ignore[import-untyped]

from .archive import Refused


def gettext_noop(message: str) -> str:
    """Marks ``message`` for the translation catalogue without importing Django."""
    return message


MESSAGES: dict[str, str] = {
    "no_manifest": gettext_noop("The package has no imsmanifest.xml: it is not a SCORM package."),
    "manifest_not_at_root": gettext_noop(
        "The package's imsmanifest.xml is in the folder %(folder)s, not at the top of the zip: "
        "zip the folder's contents, not the folder."
    ),
    "aicc": gettext_noop(
        "The package is an AICC course (%(name)s), not SCORM; only SCORM 1.2 and 2004 are "
        "supported."
    ),
    "malformed_xml": gettext_noop("imsmanifest.xml is not well-formed XML: %(detail)s."),
    "forbidden_xml": gettext_noop(
        "imsmanifest.xml uses a DTD, entities or external references, which are refused."
    ),
    "not_a_manifest": gettext_noop("imsmanifest.xml does not hold a <manifest> element."),
    "no_organization": gettext_noop("The manifest has no organization (no table of contents)."),
    "missing_identifier": gettext_noop("An <%(element)s> element has no identifier."),
    "duplicate_identifier": gettext_noop("The identifier %(identifier)s is used twice."),
    "missing_title": gettext_noop("The %(element)s %(identifier)s has no title."),
    "unknown_resource": gettext_noop(
        "%(identifier)s refers to the resource %(resource)s, which the manifest does not have."
    ),
    "missing_launch": gettext_noop(
        "The item %(identifier)s has no launch address (its resource %(resource)s has no href)."
    ),
    "unsafe_url": gettext_noop(
        'The address %(url)s leaves the package (absolute, remote, ".." or a script); only '
        "files inside the package can be launched."
    ),
    "missing_file": gettext_noop("The manifest refers to %(path)s, which is not in the package."),
    "too_deep": gettext_noop("imsmanifest.xml nests elements more than %(limit)s deep."),
    "nothing_to_launch": gettext_noop(
        "The organization %(identifier)s has no item that can be launched."
    ),
    "bad_value": gettext_noop("The %(field)s of %(identifier)s is not valid: %(value)s."),
    "unknown_version": gettext_noop("The SCORM version %(value)s is not supported."),
}

MANIFEST = "imsmanifest.xml"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 100  # elements nested in the manifest (the Golf samples reach 12)
XML_NS = "{http://www.w3.org/XML/1998/namespace}"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
_PREFIXES = {
    IMSSS: "imsss",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp",
    "http://www.w3.org/XML/1998/namespace": "xml",
}
_AICC_SUFFIXES = (".au", ".crs", ".des", ".cst", ".ort", ".pre", ".cmp")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_NS_12 = ("adlcp_rootv1p2", "imscp_rootv1p1p2")
_NS_2004 = ("adlcp_v1p3", "adlseq_v1p3", "adlnav_v1p3", "imsglobal.org/xsd/imsss", "imscp_v1p1")


class ManifestRefused(Refused):
    """The manifest is refused."""

    MESSAGES = MESSAGES


@dataclass(frozen=True)
class Item:
    """One node of the default organization's tree, in order."""

    identifier: str
    title: str
    visible: bool  # isvisible
    resource: str | None  # identifierref
    launch: str | None  # launch URL inside the package (xml:base + href + parameters)
    scorm_type: str | None  # "sco" | "asset" | None for a folder item
    parameters: str
    mastery_score: Decimal | None  # 1.2 adlcp:masteryscore
    max_time_allowed: str | None  # 1.2
    time_limit_action: str | None  # 1.2 and 2004
    data_from_lms: str | None  # 1.2 adlcp:datafromlms / 2004 adlcp:dataFromLMS
    completion_threshold: Decimal | None  # 2004
    scaled_passing_score: Decimal | None  # 2004 imsss:minNormalizedMeasure
    sequencing: str | None  # the item's imsss:sequencing element as XML text
    children: tuple[Item, ...]


@dataclass(frozen=True)
class Package:
    version: str  # "1.2" | "2004 2nd" | "2004 3rd" | "2004 4th"
    identifier: str
    title: str  # the default organization's title
    organization: str  # the default organization's identifier
    items: tuple[Item, ...]  # top-level items of the default organization
    sequencing_collection: str | None  # imsss:sequencingCollection as XML text
    files: tuple[str, ...]  # every file the manifest's resources reference (normalised)
    # the default organization's own imsss:sequencing (the root activity's) as XML text
    organization_sequencing: str | None = None

    def scos(self) -> list[Item]:
        """The launchable items (SCOs and assets) in order, depth first."""
        found: list[Item] = []
        stack = list(reversed(self.items))
        while stack:
            item = stack.pop()
            if item.launch is not None:
                found.append(item)
            stack.extend(reversed(item.children))
        return found


def find(names: frozenset[str]) -> str:
    """The manifest's name among the package's file ``names`` (at the root, any letter case).
    ManifestRefused when it is only in a sub-folder, when the package is AICC, or has none."""
    for name in sorted(names):
        if "/" not in name and name.casefold() == MANIFEST:
            return name
    nested = sorted(
        (name for name in names if posixpath.basename(name).casefold() == MANIFEST),
        key=lambda name: (name.count("/"), name),
    )
    if nested:
        raise ManifestRefused("manifest_not_at_root", folder=posixpath.dirname(nested[0]) + "/")
    aicc = sorted(name for name in names if name.casefold().endswith(_AICC_SUFFIXES))
    if aicc:
        raise ManifestRefused("aicc", name=aicc[0])
    raise ManifestRefused("no_manifest")


def read(xml: bytes, *, names: frozenset[str]) -> Package:
    """Parse imsmanifest.xml (defusedxml: no entity expansion, no external entities, no DTD)
    and check it against the package's file names ``names`` (from archive.entries): version
    from schemaversion with namespaces as fallback; the default organization (none: refused;
    no or an unknown default: the first, as Moodle); every resource/file referenced exists in
    ``names``; each item's identifierref names a resource; launch URLs stay inside the
    package; xml:base at manifest, resources and resource level. Raises ManifestRefused
    naming the problem."""
    root = _parse(xml)
    version = _version(root)
    resources = _Resources(root, names)
    organization = _default_organization(root)
    org_id = organization.get("identifier", "").strip()
    title = _title(organization, "organization", org_id)
    collection = _child_ns(root, "sequencingCollection", IMSSS)
    shared = {
        (element.get("ID") or "").strip(): element
        for element in (collection if collection is not None else ())
        if _local(element.tag) == "sequencing"
    }
    context = _Context(resources, shared)
    items = tuple(_item(child, context) for child in _children(organization, "item"))
    _check_unique_identifiers(items)
    files = resources.files()
    package = Package(
        version=version,
        identifier=(root.get("identifier") or "").strip(),
        title=title,
        organization=org_id,
        items=items,
        sequencing_collection=_xml_or_none(collection),
        files=files,
        organization_sequencing=_xml_or_none(_child_ns(organization, "sequencing", IMSSS)),
    )
    if not package.scos():
        raise ManifestRefused("nothing_to_launch", identifier=org_id)
    return package


# --- XML --------------------------------------------------------------------------------------


def _parse(xml: bytes) -> ET.Element:
    try:
        root = fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ManifestRefused("forbidden_xml") from None
    except ParseError as error:
        raise ManifestRefused("malformed_xml", detail=str(error)) from None
    if _local(root.tag) != "manifest":
        raise ManifestRefused("not_a_manifest")
    _check_depth(root)
    return root


def _check_depth(root: ET.Element) -> None:
    """Refuses nesting deeper than MAX_DEPTH (the item tree and the serialiser recurse)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ManifestRefused("too_deep", limit=MAX_DEPTH)
        stack.extend((child, depth + 1) for child in element)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _attr(element: ET.Element, name: str) -> str | None:
    """The attribute ``name`` in any namespace and letter case (adlcp:scormtype in 1.2 is
    adlcp:scormType in 2004)."""
    wanted = name.casefold()
    for key, value in element.attrib.items():
        if _local(key).casefold() == wanted:
            return value
    return None


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return (element.text or "").strip()


def _xml_text(element: ET.Element) -> str:
    """The element as XML text with the prefixes SCORM's documents use (imsss:, adlseq:, ...;
    others ns1:, ns2:), every namespace declared on it, so it parses on its own."""
    prefixes: dict[str, str] = {}
    body = _serialised(element, prefixes)
    declarations = "".join(f' xmlns:{prefix}="{ns}"' for ns, prefix in prefixes.items())
    head, _, rest = body.partition(">")
    if head.endswith("/"):
        return f"{head[:-1]}{declarations}/>{rest}"
    return f"{head}{declarations}>{rest}"


def _xml_or_none(element: ET.Element | None) -> str | None:
    return None if element is None else _xml_text(element)


def _qualified(name: str, prefixes: dict[str, str]) -> str:
    namespace = _namespace(name)
    if not namespace:
        return name
    if namespace not in prefixes:
        wanted = _PREFIXES.get(namespace)
        if wanted is None or wanted in prefixes.values():
            wanted = f"ns{len(prefixes) + 1}"
        prefixes[namespace] = wanted
    return f"{prefixes[namespace]}:{_local(name)}"


def _serialised(element: ET.Element, prefixes: dict[str, str]) -> str:
    tag = _qualified(element.tag, prefixes)
    attributes = "".join(
        f" {_qualified(key, prefixes)}={quoteattr(value)}" for key, value in element.attrib.items()
    )
    inner = escape(element.text or "") + "".join(
        _serialised(child, prefixes) + escape(child.tail or "") for child in element
    )
    if not inner:
        return f"<{tag}{attributes}/>"
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _title(element: ET.Element, kind: str, identifier: str) -> str:
    title = _text(_child(element, "title"))
    if not title:
        raise ManifestRefused("missing_title", element=kind, identifier=identifier)
    return title


# --- Version ----------------------------------------------------------------------------------


def _version(root: ET.Element) -> str:
    metadata = _child(root, "metadata")
    declared = _text(_child(metadata, "schemaversion")) if metadata is not None else None
    if declared:
        version = _declared_version(declared)
        if version is None:
            raise ManifestRefused("unknown_version", value=declared)
        return version
    namespaces = {_namespace(element.tag) for element in root.iter()}
    for element in root.iter():
        namespaces.update(_namespace(key) for key in element.attrib)
    if any(marker in ns for ns in namespaces for marker in _NS_2004):
        return "2004 2nd"  # 2004 without a schemaversion: the first 2004 edition
    return "1.2"  # as Moodle: a manifest that says nothing is a 1.2 one


def _declared_version(text: str) -> str | None:
    value = " ".join(text.casefold().split())
    if value in ("1.2", "scorm 1.2"):
        return "1.2"
    if value in ("cam 1.3", "2004 2nd edition", "scorm 2004 2nd edition"):
        return "2004 2nd"
    for edition in ("3rd", "4th"):
        if value in (f"2004 {edition} edition", f"scorm 2004 {edition} edition"):
            return f"2004 {edition}"
    if value in ("2004", "scorm 2004", "1.3"):
        return "2004 2nd"
    return None


# --- Organizations and items ------------------------------------------------------------------


def _default_organization(root: ET.Element) -> ET.Element:
    organizations = _child(root, "organizations")
    found = _children(organizations, "organization") if organizations is not None else []
    if not found:
        raise ManifestRefused("no_organization")
    for organization in found:
        if not (organization.get("identifier") or "").strip():
            raise ManifestRefused("missing_identifier", element="organization")
    default = (organizations.get("default") or "").strip() if organizations is not None else ""
    for organization in found:
        if organization.get("identifier", "").strip() == default:
            return organization
    return found[0]  # an unknown default: the first one, as Moodle (moodle-golf/complexscorm)


@dataclass(frozen=True)
class _Context:
    resources: _Resources
    shared: dict[str, ET.Element]  # the sequencingCollection's sequencing elements by ID


def _item(element: ET.Element, context: _Context) -> Item:
    identifier = (element.get("identifier") or "").strip()
    if not identifier:
        raise ManifestRefused("missing_identifier", element="item")
    title = _title(element, "item", identifier)
    ref = (element.get("identifierref") or "").strip() or None
    parameters = element.get("parameters") or ""
    launch, scorm_type = (None, None)
    if ref is not None:
        launch, scorm_type = context.resources.launch(identifier, ref, parameters)
    sequencing = _child_ns(element, "sequencing", IMSSS)
    return Item(
        identifier=identifier,
        title=title,
        visible=(element.get("isvisible") or "true").strip().casefold() != "false",
        resource=ref,
        launch=launch,
        scorm_type=scorm_type,
        parameters=parameters,
        mastery_score=_decimal(element, "masteryscore", identifier, 100),
        max_time_allowed=_text(_child_any_case(element, "maxtimeallowed")) or None,
        time_limit_action=_text(_child_any_case(element, "timelimitaction")) or None,
        data_from_lms=_text(_child_any_case(element, "datafromlms")) or None,
        completion_threshold=_completion_threshold(element, identifier),
        scaled_passing_score=_scaled_passing_score(sequencing, context.shared, identifier),
        sequencing=_xml_or_none(sequencing),
        children=tuple(_item(child, context) for child in _children(element, "item")),
    )


def _child_ns(element: ET.Element, name: str, namespace: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name and _namespace(child.tag) == namespace:
            return child
    return None


def _child_any_case(element: ET.Element, name: str) -> ET.Element | None:
    wanted = name.casefold()
    for child in element:
        if _local(child.tag).casefold() == wanted:
            return child
    return None


def _decimal(
    element: ET.Element, name: str, identifier: str, maximum: int, *, text: str | None = None
) -> Decimal | None:
    """The child element ``name``'s text (or ``text``) as a Decimal in [0, maximum]."""
    if text is None:
        text = _text(_child_any_case(element, name))
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not 0 <= value <= maximum:
        raise ManifestRefused("bad_value", field=name, identifier=identifier, value=text[:40])
    return value


def _completion_threshold(element: ET.Element, identifier: str) -> Decimal | None:
    found = _child_any_case(element, "completionThreshold")
    if found is None:
        return None
    text = _text(found)
    if not text:  # 4th edition: attributes, the threshold applying only when completedByMeasure
        if (found.get("completedByMeasure") or "").strip() != "true":
            return None
        text = (found.get("minProgressMeasure") or "1.0").strip()
    return _decimal(element, "completionThreshold", identifier, 1, text=text)


def _scaled_passing_score(
    sequencing: ET.Element | None, shared: dict[str, ET.Element], identifier: str
) -> Decimal | None:
    """cmi.scaled_passing_score: the primary objective's minNormalizedMeasure when it is
    satisfied by measure, from the item's own sequencing or the shared one it names (IDRef)."""
    primary = _primary_objective(sequencing)
    if primary is None and sequencing is not None:
        primary = _primary_objective(shared.get((sequencing.get("IDRef") or "").strip()))
    if primary is None or (primary.get("satisfiedByMeasure") or "").strip() != "true":
        return None
    measure = _text(_child(primary, "minNormalizedMeasure"))
    if not measure:
        return Decimal(1)  # the schema's default
    try:
        value = Decimal(measure)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not -1 <= value <= 1:
        raise ManifestRefused(
            "bad_value", field="minNormalizedMeasure", identifier=identifier, value=measure[:40]
        )
    return value


def _primary_objective(sequencing: ET.Element | None) -> ET.Element | None:
    objectives = _child(sequencing, "objectives") if sequencing is not None else None
    return _child(objectives, "primaryObjective") if objectives is not None else None


def _check_unique_identifiers(items: tuple[Item, ...]) -> None:
    seen: set[str] = set()
    stack = list(items)
    while stack:
        item = stack.pop()
        if item.identifier in seen:
            raise ManifestRefused("duplicate_identifier", identifier=item.identifier)
        seen.add(item.identifier)
        stack.extend(item.children)


# --- Resources, files and URLs ----------------------------------------------------------------


class _Resources:
    """The manifest's resources by identifier, each file checked against the package."""

    def __init__(self, root: ET.Element, names: frozenset[str]):
        self._names = frozenset(unicodedata.normalize("NFC", name) for name in names)
        self._files: dict[str, None] = {}  # every referenced path, in manifest order
        self._by_id: dict[str, tuple[str, ET.Element]] = {}
        base = _base(root)
        holder = _child(root, "resources")
        if holder is None:
            return
        base = _join(base, _base(holder))
        found = _children(holder, "resource")
        for resource in found:
            identifier = (resource.get("identifier") or "").strip()
            if not identifier:
                raise ManifestRefused("missing_identifier", element="resource")
            if identifier in self._by_id:
                raise ManifestRefused("duplicate_identifier", identifier=identifier)
            self._by_id[identifier] = (_join(base, _base(resource)), resource)
        for identifier, (resource_base, resource) in self._by_id.items():
            self._check_resource(identifier, resource_base, resource)

    def _check_resource(self, identifier: str, base: str, resource: ET.Element) -> None:
        href = (resource.get("href") or "").strip()
        if href:
            self._add(_join(base, href))
        for file in _children(resource, "file"):
            file_href = (file.get("href") or "").strip()
            if file_href:
                self._add(_join(base, file_href))
        for dependency in _children(resource, "dependency"):
            ref = (dependency.get("identifierref") or "").strip()
            if ref not in self._by_id:
                raise ManifestRefused("unknown_resource", identifier=identifier, resource=ref)

    def _add(self, url: str) -> None:
        self._files.setdefault(safe_path(url), None)

    def launch(self, item: str, ref: str, parameters: str) -> tuple[str, str]:
        """The item's launch URL and SCORM type, from the resource ``ref``."""
        if ref not in self._by_id:
            raise ManifestRefused("unknown_resource", identifier=item, resource=ref)
        base, resource = self._by_id[ref]
        href = (resource.get("href") or "").strip()
        if not href:
            raise ManifestRefused("missing_launch", identifier=item, resource=ref)
        kind = (_attr(resource, "scormtype") or "sco").strip().casefold()
        launch = merge_parameters(_join(base, href), parameters)
        safe_path(launch)  # what the player will load, parameters merged, checked as a whole
        return launch, ("asset" if kind == "asset" else "sco")

    def files(self) -> tuple[str, ...]:
        """Every referenced path, once each; ManifestRefused("missing_file") naming the first
        one the package does not have."""
        for path in self._files:
            if path not in self._names:
                raise ManifestRefused("missing_file", path=path)
        return tuple(self._files)


def _base(element: ET.Element) -> str:
    return (element.get(f"{XML_NS}base") or "").strip()


def _join(base: str, href: str) -> str:
    """``href`` under ``base`` (xml:base values are folders relative to the package root);
    each must stay inside the package on its own (``http://…`` under a base is still remote)."""
    if href:
        safe_path(href)
    if not base:
        return href
    folder = base if base.endswith("/") else base + "/"
    safe_path(folder + "-")  # the base itself must stay inside the package
    return folder + href


def safe_path(url: str) -> str:
    """The package path an in-package URL names (query and fragment dropped, percent-decoding
    undone, NFC); ManifestRefused("unsafe_url") for anything that could leave the package:
    a scheme (http:, javascript:, data:, file:), an absolute or protocol-relative path, "..",
    a backslash (a browser reads it as "/") or a control character in the path."""
    raw_path = re.split(r"[?#]", url, maxsplit=1)[0]
    if _SCHEME.match(url) or url.startswith("/") or "\\" in raw_path:
        raise ManifestRefused("unsafe_url", url=url[:200])
    path = unquote(raw_path)
    if _CONTROL.search(path.replace(" ", "")) or "\\" in path or path.startswith("/"):
        raise ManifestRefused("unsafe_url", url=url[:200])
    segments = [part for part in path.split("/") if part not in ("", ".")]
    if not segments or ".." in segments:
        raise ManifestRefused("unsafe_url", url=url[:200])
    return unicodedata.normalize("NFC", "/".join(segments))


def merge_parameters(href: str, parameters: str) -> str:
    """``parameters`` appended to ``href`` as the SCORM CAM says: a leading "?" or "&" dropped,
    joined with "&" when the href has a query already; a "#fragment" kept only when the href
    has none."""
    parameters = parameters.strip()
    if not parameters:
        return href
    if parameters.startswith("#"):
        return href if "#" in href else href + parameters
    parameters = parameters.lstrip("?&")
    if not parameters:
        return href
    path, hash_, fragment = href.partition("#")
    joined = path + ("&" if "?" in path else "?") + parameters
    return joined + hash_ + fragment
