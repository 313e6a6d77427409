"""The ``imsmanifest.xml`` of an exported course, for SCORM 1.2 and SCORM 2004 4th edition.

Pure: plain dataclasses in, UTF-8 bytes out (no Django, no clock). The organization is the
course: one item per module holding one leaf item per SCO (a lesson, or the module's quiz as an
assessment). Every SCO's resource lists its own files and depends on one shared asset resource
(the CSS, fonts and runtime script every page loads). The package metadata (LOM) carries the
course's language and says that an assessment's questions travel inside the package, so it is
not proctored (ADR 0025).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

SCORM12 = "scorm12"
SCORM2004 = "scorm2004"
FORMATS = (SCORM12, SCORM2004)

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS_2004 = {
    "": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
}
NS_12 = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
}
SCHEMA_LOCATIONS = {
    SCORM2004: (
        "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
        "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
        "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
        "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
        "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd "
        "http://ltsc.ieee.org/xsd/LOM lom.xsd"
    ),
    SCORM12: (
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
        "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
        "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
    ),
}
SHARED_ID = "SHARED_ASSETS"


@dataclass(frozen=True)
class Sco:
    """One launchable page: ``identifier`` is an XML ID (a letter, then letters, digits, ``_``,
    ``-``, ``.``); ``href`` the launch file, ``files`` every file it needs beyond the shared
    ones (the launch file included). ``mastery`` (0..1) makes it an assessment."""

    identifier: str
    title: str
    href: str
    files: tuple[str, ...]
    mastery: float | None = None


@dataclass(frozen=True)
class Module:
    identifier: str
    title: str
    scos: tuple[Sco, ...]


@dataclass(frozen=True)
class Package:
    identifier: str
    title: str
    language: str  # the course's language code, e.g. "th"
    description: str  # in the exporter's words: what the package is, that it is not proctored
    modules: tuple[Module, ...]
    shared_files: tuple[str, ...] = field(default=())


def _q(ns: dict[str, str], name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{ns[prefix]}}}{local}"


def _sub(parent: ET.Element, ns: dict[str, str], name: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, _q(ns, name))
    if text is not None:
        child.text = text
    return child


def _metadata(root: ET.Element, package: Package, fmt: str) -> None:
    """Schema, version, and the LOM's title, language and description (IEEE LOM in 2004,
    IMS Metadata 1.2.1 in 1.2: the same fields, other names)."""
    ns, lom, text, lang, version = (
        (NS_12, "imsmd", "imsmd:langstring", XML_LANG, "1.2")
        if fmt == SCORM12
        else (NS_2004, "lom", "lom:string", "language", "2004 4th Edition")
    )
    metadata = _sub(root, ns, "metadata")
    _sub(metadata, ns, "schema", "ADL SCORM")
    _sub(metadata, ns, "schemaversion", version)
    general = _sub(_sub(metadata, ns, f"{lom}:lom"), ns, f"{lom}:general")
    _sub(_sub(general, ns, f"{lom}:title"), ns, text, package.title).set(lang, package.language)
    _sub(general, ns, f"{lom}:language", package.language)
    description = _sub(_sub(general, ns, f"{lom}:description"), ns, text, package.description)
    description.set(lang, "en")


def _sco_item(parent: ET.Element, ns: dict[str, str], fmt: str, sco: Sco) -> None:
    item = _sub(parent, ns, "item")
    item.set("identifier", f"ITEM_{sco.identifier}")
    item.set("identifierref", f"RES_{sco.identifier}")
    _sub(item, ns, "title", sco.title)
    if sco.mastery is None:
        return
    if fmt == SCORM12:  # a percentage, 0..100
        _sub(item, ns, "adlcp:masteryscore", str(round(sco.mastery * 100)))
        return
    # 2004: the primary objective is satisfied by the score reaching the pass mark.
    sequencing = _sub(item, ns, "imsss:sequencing")
    objectives = _sub(sequencing, ns, "imsss:objectives")
    primary = _sub(objectives, ns, "imsss:primaryObjective")
    primary.set("objectiveID", f"PASS_{sco.identifier}")
    primary.set("satisfiedByMeasure", "true")
    _sub(primary, ns, "imsss:minNormalizedMeasure", f"{sco.mastery:.4f}")


def _resource(
    parent: ET.Element, ns: dict[str, str], fmt: str, identifier: str, href: str | None
) -> ET.Element:
    resource = _sub(parent, ns, "resource")
    resource.set("identifier", identifier)
    resource.set("type", "webcontent")
    kind = "asset" if href is None else "sco"
    resource.set(_q(ns, "adlcp:scormtype" if fmt == SCORM12 else "adlcp:scormType"), kind)
    if href is not None:
        resource.set("href", href)
    return resource


def manifest_xml(package: Package, fmt: str) -> bytes:
    """The manifest of ``package`` in ``fmt`` (``scorm12`` or ``scorm2004``), as UTF-8 bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown SCORM format {fmt!r}")
    ns = NS_12 if fmt == SCORM12 else NS_2004
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_q(ns, "manifest"))
    root.set("identifier", package.identifier)
    root.set("version", "1")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATIONS[fmt])
    _metadata(root, package, fmt)
    organizations = _sub(root, ns, "organizations")
    organizations.set("default", "ORG")
    organization = _sub(organizations, ns, "organization")
    organization.set("identifier", "ORG")
    _sub(organization, ns, "title", package.title)
    resources = _sub(root, ns, "resources")
    for module in package.modules:
        item = _sub(organization, ns, "item")
        item.set("identifier", f"MODULE_{module.identifier}")
        _sub(item, ns, "title", module.title)
        for sco in module.scos:
            _sco_item(item, ns, fmt, sco)
            resource = _resource(resources, ns, fmt, f"RES_{sco.identifier}", sco.href)
            for name in sco.files:
                _sub(resource, ns, "file").set("href", name)
            _sub(resource, ns, "dependency").set("identifierref", SHARED_ID)
    shared = _resource(resources, ns, fmt, SHARED_ID, None)
    for name in package.shared_files:
        _sub(shared, ns, "file").set("href", name)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
