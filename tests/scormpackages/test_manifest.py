"""imsmanifest.xml read as hostile input (scormpackages.manifest), over the whole SCORM
conformance corpus (real third-party packages, read through the archive checks as an upload
would be) and over hostile manifests built here."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from defusedxml.ElementTree import fromstring
from hypothesis import given
from hypothesis import strategies as st

from scormpackages import archive, manifest
from scormpackages.manifest import ManifestRefused, Package

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "scorm"
if not CORPUS.is_dir():  # a worktree of /work: the corpus is /work/shared/conformance/scorm
    CORPUS = Path("/work/shared/conformance/scorm")
IMSSS = "{http://www.imsglobal.org/xsd/imsss}"


def read_zip(data: io.BytesIO | Path) -> Package:
    """What an upload goes through: the zip's checks, the manifest found and read bounded."""
    limits = archive.Limits()
    zf = archive.open_zip(data if isinstance(data, io.BytesIO) else str(data), limits)  # type: ignore[arg-type]
    found = archive.entries(zf, limits)
    names = frozenset(entry.name for entry in found)
    name = manifest.find(names)
    entry = next(entry for entry in found if entry.name == name)
    xml = archive.read_bounded(zf, entry, manifest.MAX_MANIFEST_BYTES)
    return manifest.read(xml, names=names)


def corpus(name: str) -> Path:
    return CORPUS / name


def refused(path: Path) -> ManifestRefused:
    with pytest.raises(ManifestRefused) as caught:
        read_zip(path)
    return caught.value


# --- The corpus: every valid package --------------------------------------------------------

VALID = [
    # (package, version, launchable items, first launch URL)
    (
        "golf/ContentPackagingMetadata_SCORM20043rdEdition.zip",
        "2004 3rd",
        1,
        "shared/launchpage.html",
    ),
    ("golf/ContentPackagingOneFilePerSCO_SCORM12.zip", "1.2", 18, "Playing/Playing.html"),
    (
        "golf/ContentPackagingOneFilePerSCO_SCORM20043rdEdition.zip",
        "2004 3rd",
        18,
        "Playing/Playing.html",
    ),
    ("golf/ContentPackagingSingleSCO_SCORM12.zip", "1.2", 1, "shared/launchpage.html"),
    (
        "golf/ContentPackagingSingleSCO_SCORM20042ndEdition.zip",
        "2004 2nd",
        1,
        "shared/launchpage.html",
    ),
    (
        "golf/ContentPackagingSingleSCO_SCORM20043rdEdition.zip",
        "2004 3rd",
        1,
        "shared/launchpage.html",
    ),
    ("golf/ContentPackagingWithMetadata_SCORM12.zip", "1.2", 1, "index.html"),
    ("golf/LaunchUrlFromNestedItem_SCORM12.zip", "1.2", 2, "content/topic1.html"),
    ("golf/MultipleItemsWithIdentifierRef_SCORM12.zip", "1.2", 3, "content/item1.html"),
    ("golf/PrerequisitesTest_SCORM12.zip", "1.2", 4, "module1.html"),
    ("golf/RunTimeAdvancedCalls_SCORM20043rdEdition.zip", "2004 3rd", 1, "shared/launchpage.html"),
    ("golf/RuntimeBasicCalls_SCORM12.zip", "1.2", 1, "shared/launchpage.html"),
    ("golf/RuntimeBasicCalls_SCORM20043rdEdition.zip", "2004 3rd", 1, "shared/launchpage.html"),
    ("golf/RuntimeMinimumCalls_SCORM12.zip", "1.2", 18, "Playing/Playing.html"),
    ("golf/RuntimeMinimumCalls_SCORM20043rdEdition.zip", "2004 3rd", 18, "Playing/Playing.html"),
    (
        "golf/SequencingForcedSequential_SCORM20043rdEdition.zip",
        "2004 3rd",
        5,
        "shared/launchpage.html?content=playing",
    ),
    (
        "golf/SequencingPostTestRollup4thEd_SCORM20044thEdition.zip",
        "2004 4th",
        5,
        "shared/launchpage.html?content=playing",
    ),
    (
        "golf/SequencingPostTestRollup_SCORM20043rdEdition.zip",
        "2004 3rd",
        5,
        "shared/launchpage.html?content=playing",
    ),
    (
        "golf/SequencingPreOrPostTestRollup_SCORM20043rdEdition.zip",
        "2004 3rd",
        6,
        "shared/launchpage.html?content=assessment",
    ),
    (
        "golf/SequencingRandomTest_SCORM20043rdEdition.zip",
        "2004 3rd",
        8,
        "shared/launchpage.html?content=playing",
    ),
    (
        "golf/SequencingSimpleRemediation_SCORM20043rdEdition.zip",
        "2004 3rd",
        8,
        "shared/launchpage.html?content=playing",
    ),
    (
        "moodle-golf/RuntimeBasicCalls_SCORM20043rdEdition.zip",
        "2004 3rd",
        1,
        "shared/launchpage.html",
    ),
    ("moodle-golf/RuntimeMinimumCalls_SCORM12-mini.zip", "1.2", 9, "Playing/Playing.html"),
    ("moodle-golf/RuntimeMinimumCalls_SCORM12.zip", "1.2", 18, "Playing/Playing.html"),
    ("moodle-golf/complexscorm.zip", "1.2", 8, "index.html"),
    ("moodle-golf/singlesco_scorm12.zip", "1.2", 1, "shared/launchpage.html"),
    ("moodle-golf/singlescobasic.zip", "1.2", 1, "shared/launchpage.html"),
]

# The negative packages of SOURCES.md, with what the trainer is told.
REFUSED = [
    (
        "golf/MalformedXml_SCORM12.zip",
        "malformed_xml",
        {"detail": "mismatched tag: line 27, column 6"},
    ),
    (
        "golf/MissingLaunchUrl_SCORM12.zip",
        "missing_launch",
        {"identifier": "item_1", "resource": "resource_1"},
    ),
    (
        "golf/MissingRequiredFields_SCORM12.zip",
        "missing_title",
        {"element": "organization", "identifier": "default_org"},
    ),
    (
        "golf/InvalidFileReferences_SCORM12.zip",
        "missing_file",
        {"path": "content/nonexistent.html"},
    ),
    (
        "golf/ItemWithNonExistentResourceId_SCORM12.zip",
        "unknown_resource",
        {"identifier": "item_1", "resource": "non_existent_resource"},
    ),
    (
        "golf/InvalidMissingOrgIdentifier_SCORM20043rdEdition.zip",
        "missing_identifier",
        {"element": "organization"},
    ),
    ("moodle-golf/badscorm.zip", "manifest_not_at_root", {"folder": "badscorm/"}),
    ("moodle-golf/invalid.zip", "no_manifest", {}),
    (
        "moodle-golf/validscorm.zip",
        "malformed_xml",
        {"detail": "no element found: line 2, column 0"},
    ),
    ("moodle-golf/singlescobasic_missingorg.zip", "no_organization", {}),
    ("moodle-golf/validaicc.zip", "aicc", {"name": "moodle.cst"}),
]

# Hand-made manifests zipped without the content they name: a trainer uploading one is told
# the first missing file (their manifests are read further below with the files supplied).
MANIFEST_ONLY = [
    ("golf/AdlAttributes_SCORM20043rdEdition.zip", "index.html"),
    ("golf/ComplexNestedOrganization_SCORM12.zip", "content/module1.html"),
    ("golf/ContentPackagingNoSchemaVersion_SCORM20042ndEdition.zip", "index.html"),
    ("golf/MinimalValid_SCORM20043rdEdition.zip", "index.html"),
]


def test_the_corpus_is_covered_entirely():
    listed = {name for name, *_ in VALID + REFUSED + MANIFEST_ONLY}
    present = {str(path.relative_to(CORPUS)) for path in CORPUS.glob("*/*.zip")}
    assert listed == present


@pytest.mark.parametrize(("name", "version", "count", "first"), VALID)
def test_every_valid_corpus_package_reads_with_its_version_scos_and_launch(
    name, version, count, first
):
    package = read_zip(corpus(name))
    assert package.version == version
    scos = package.scos()
    assert len(scos) == count
    assert scos[0].launch == first
    assert all(item.title for item in scos)
    assert package.files and all(not path.startswith("/") for path in package.files)


@pytest.mark.parametrize(("name", "code", "params"), REFUSED)
def test_every_negative_corpus_package_is_refused_naming_the_problem(name, code, params):
    error = refused(corpus(name))
    assert (error.code, error.params) == (code, params)
    assert str(error) == manifest.MESSAGES[code] % params


@pytest.mark.parametrize(("name", "missing"), MANIFEST_ONLY)
def test_manifest_only_corpus_packages_are_refused_naming_the_missing_file(name, missing):
    error = refused(corpus(name))
    assert (error.code, error.params) == ("missing_file", {"path": missing})
    assert str(error) == f"The manifest refers to {missing}, which is not in the package."


def manifest_of(name: str) -> bytes:
    with zipfile.ZipFile(corpus(name)) as zf:
        return zf.read("imsmanifest.xml")


def test_single_sco_12_package():
    package = read_zip(corpus("golf/RuntimeBasicCalls_SCORM12.zip"))
    assert (package.identifier, package.organization, package.title) == (
        "com.scorm.golfsamples.runtime.basicruntime.12",
        "golf_sample_default_org",
        "Golf Explained - Run-time Basic Calls",
    )
    [item] = package.items
    assert (item.identifier, item.title, item.launch, item.scorm_type, item.visible) == (
        "item_1", "Golf Explained", "shared/launchpage.html", "sco", True
    )  # fmt: skip
    assert item.children == () and item.sequencing is None
    assert "shared/launchpage.html" in package.files and "imsmanifest.xml" not in package.files


def test_multi_sco_2004_package_keeps_its_tree_in_order_with_parameters_merged():
    package = read_zip(corpus("golf/RuntimeMinimumCalls_SCORM20043rdEdition.zip"))
    assert [item.title for item in package.items] == [
        "Playing the Game", "Etiquette", "Handicapping", "Having Fun"
    ]  # fmt: skip
    playing = package.items[0]
    assert playing.launch is None and playing.scorm_type is None  # a folder item
    assert [child.title for child in playing.children][:3] == [
        "How to Play", "Par", "Keeping Score"
    ]  # fmt: skip
    launches = [item.launch for item in package.scos()]
    assert launches[5] == "shared/assessmenttemplate.html?questions=Playing"
    assert package.scos()[5].parameters == "?questions=Playing"
    assert launches[-1] == "shared/assessmenttemplate.html?questions=HavingFun"


def test_sequencing_package_keeps_its_sequencing_xml_for_the_runtime():
    package = read_zip(corpus("golf/SequencingForcedSequential_SCORM20043rdEdition.zip"))
    assert package.sequencing_collection is not None
    collection = fromstring(package.sequencing_collection)
    assert collection.tag == IMSSS + "sequencingCollection"
    assert [rules.get("ID") for rules in collection] == ["common_seq_rules"]
    quiz = package.scos()[-1]
    assert quiz.title == "Quiz" and quiz.sequencing is not None
    sequencing = fromstring(quiz.sequencing)  # stands alone: every namespace declared
    assert (sequencing.tag, sequencing.get("IDRef")) == (IMSSS + "sequencing", "common_seq_rules")
    action = sequencing.find(f"{IMSSS}sequencingRules/{IMSSS}preConditionRule/{IMSSS}ruleAction")
    assert action is not None and action.get("action") == "disabled"
    assert quiz.sequencing.startswith('<imsss:sequencing IDRef="common_seq_rules"')
    assert package.organization_sequencing == (
        '<imsss:sequencing xmlns:imsss="http://www.imsglobal.org/xsd/imsss">\n        \n'
        '        <imsss:controlMode choice="true" flow="true"/>\n      </imsss:sequencing>'
    )


def test_scaled_passing_score_and_12_tracking_fields():
    advanced = read_zip(corpus("golf/RunTimeAdvancedCalls_SCORM20043rdEdition.zip"))
    assert advanced.scos()[0].scaled_passing_score == Decimal("0.8")
    prerequisites = read_zip(corpus("golf/PrerequisitesTest_SCORM12.zip"))
    first, second, third, fourth = prerequisites.scos()
    assert (first.mastery_score, first.max_time_allowed) == (Decimal(80), "02:30:00")
    assert second.data_from_lms == "custom_data_for_module2"
    assert third.time_limit_action == "exit,message"
    assert fourth.mastery_score == Decimal(90)


def test_unknown_default_organization_falls_back_to_the_first_as_moodle_does():
    package = read_zip(corpus("moodle-golf/complexscorm.zip"))
    assert package.organization == "mm-SCORMDEbugger555f231e21b982c25d16"
    scos = package.scos()
    assert [item.scorm_type for item in scos][:3] == ["sco", "sco", "asset"]
    hidden = [item.title for item in scos if not item.visible]
    assert hidden == ["SCO not visible"]


def test_quirk_single_sco_12_lacks_a_page_and_its_manifest_entry_and_still_reads():
    package = read_zip(corpus("golf/ContentPackagingSingleSCO_SCORM12.zip"))
    assert "HavingFun/HowToBeStylish.html" not in package.files
    assert package.scos()[0].launch == "shared/launchpage.html"


def test_hand_made_manifests_read_when_their_files_are_there():
    adl = manifest.read(
        manifest_of("golf/AdlAttributes_SCORM20043rdEdition.zip"),
        names=frozenset({"index.html"}),
    )
    [item] = adl.items
    assert (item.data_from_lms, item.time_limit_action, item.completion_threshold) == (
        "Launch Data", "exit,message", Decimal("0.75")
    )  # fmt: skip
    assert item.sequencing is not None and 'flow="true"' in item.sequencing
    no_version = manifest.read(
        manifest_of("golf/ContentPackagingNoSchemaVersion_SCORM20042ndEdition.zip"),
        names=frozenset({"index.html"}),
    )
    assert no_version.version == "2004 2nd"  # from its namespaces
    minimal = manifest.read(
        manifest_of("golf/MinimalValid_SCORM20043rdEdition.zip"), names=frozenset({"index.html"})
    )
    assert (minimal.version, minimal.scos()[0].scorm_type) == ("2004 3rd", "sco")
    nested_xml = manifest_of("golf/ComplexNestedOrganization_SCORM12.zip")
    names = frozenset(f"content/{page}.html" for page in (
        "module1", "chapter1_1", "section1_1_1", "topic1_1_1_1", "topic1_1_1_2",
        "section1_1_2", "chapter1_2", "module2", "chapter2_1", "section2_1_1", "module3", "alt1",
    ))  # fmt: skip
    nested = manifest.read(nested_xml, names=names)
    assert [item.identifier for item in nested.scos()][:5] == [
        "module_1", "chapter_1_1", "section_1_1_1", "topic_1_1_1_1", "topic_1_1_1_2"
    ]  # fmt: skip
    assert "alt_item_1" not in {item.identifier for item in nested.scos()}


# --- Hostile manifests, built here ------------------------------------------------------------

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def manifest_xml(resource: str = "", *, base: str = "", item: str = "", doctype: str = "") -> bytes:
    """A SCORM 1.2 manifest of one item on one resource (``resource`` replaces the default),
    with an optional xml:base on <manifest>, extra item attributes and a DOCTYPE."""
    resource = resource or '<resource identifier="r1" type="webcontent" href="index.html"/>'
    base_attr = f' xml:base="{base}"' if base else ""
    return (
        f"{HEAD}{doctype}"
        '<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"'
        f' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"{base_attr}>'
        "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
        '<organizations default="o"><organization identifier="o"><title>Course</title>'
        f'<item identifier="i1" identifierref="r1"{item}><title>Lesson</title></item>'
        f"</organization></organizations><resources>{resource}</resources></manifest>"
    ).encode()


def refusal_of(xml: bytes, names: frozenset[str] = frozenset({"index.html"})) -> ManifestRefused:
    with pytest.raises(ManifestRefused) as caught:
        manifest.read(xml, names=names)
    return caught.value


def test_the_builder_makes_a_valid_manifest():
    package = manifest.read(manifest_xml(), names=frozenset({"index.html"}))
    assert (package.version, package.scos()[0].launch) == ("1.2", "index.html")


def test_billion_laughs_is_refused_not_expanded():
    laughs = (
        '<!DOCTYPE manifest [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )
    xml = manifest_xml(item=' parameters="&lol9;"', doctype=laughs)
    error = refusal_of(xml)
    assert error.code == "forbidden_xml"
    assert str(error) == (
        "imsmanifest.xml uses a DTD, entities or external references, which are refused."
    )


def test_external_entity_is_refused_and_nothing_is_read():
    doctype = '<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    error = refusal_of(manifest_xml(item=' parameters="&xxe;"', doctype=doctype))
    assert error.code == "forbidden_xml" and "root:" not in str(error)


def test_a_bare_dtd_is_refused():
    assert refusal_of(manifest_xml(doctype="<!DOCTYPE manifest>")).code == "forbidden_xml"


def test_manifest_only_in_a_sub_folder_is_refused_naming_the_folder():
    with pytest.raises(ManifestRefused) as caught:
        manifest.find(frozenset({"course/imsmanifest.xml", "course/index.html"}))
    assert (caught.value.code, caught.value.params) == (
        "manifest_not_at_root",
        {"folder": "course/"},
    )
    assert str(caught.value) == (
        "The package's imsmanifest.xml is in the folder course/, not at the top of the zip: "
        "zip the folder's contents, not the folder."
    )


def test_manifest_at_the_root_is_found_in_any_letter_case():
    assert manifest.find(frozenset({"IMSManifest.xml", "sub/imsmanifest.xml"})) == "IMSManifest.xml"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://evil.example/steal.html",
        "https://evil.example/steal.html",
        "//evil.example/steal.html",
        "/etc/passwd",
        "../outside.html",
        "content/../../outside.html",
        "content/%2e%2e/%2E%2E/outside.html",
        "content\\..\\outside.html",
    ],
)
def test_launch_urls_that_leave_the_package_are_refused(href):
    resource = f'<resource identifier="r1" type="webcontent" href="{escape_attr(href)}"/>'
    error = refusal_of(manifest_xml(resource))
    assert error.code == "unsafe_url"
    assert error.params == {"url": href}
    assert str(error).startswith(f"The address {href} leaves the package")


def escape_attr(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@pytest.mark.parametrize(
    ("where", "base"),
    [("manifest", "../"), ("resources", "content/../../"), ("resource", "http://evil.example/")],
)
def test_xml_base_that_leaves_the_package_is_refused(where, base):
    attr = f' xml:base="{base}"'
    if where == "manifest":
        xml = manifest_xml(base=base)
    elif where == "resources":
        xml = manifest_xml().replace(b"<resources>", f"<resources{attr}>".encode())
    else:
        xml = manifest_xml(f'<resource identifier="r1" type="webcontent"{attr} href="index.html"/>')
    assert refusal_of(xml).code == "unsafe_url"


@pytest.mark.parametrize("href", ["http://evil.example/x.html", "/etc/passwd", "../../x.html"])
def test_a_remote_or_absolute_href_under_an_xml_base_is_refused(href):
    error = refusal_of(manifest_xml(f'<resource identifier="r1" type="webcontent" href="{href}"/>',
                                    base="course/"))  # fmt: skip
    assert (error.code, error.params) == ("unsafe_url", {"url": href})


def test_a_file_href_outside_the_package_is_refused():
    resource = (
        '<resource identifier="r1" type="webcontent" href="index.html">'
        '<file href="index.html"/><file href="../../etc/passwd"/></resource>'
    )
    error = refusal_of(manifest_xml(resource))
    assert (error.code, error.params) == ("unsafe_url", {"url": "../../etc/passwd"})


def test_xml_base_at_every_level_and_parameters_make_the_launch_url():
    resource = (
        '<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" xml:base="unit1/"'
        ' href="launch.html?lang=en"><file href="launch.html"/></resource>'
    )
    xml = manifest_xml(resource, base="course/", item=' parameters="?page=2"')
    xml = xml.replace(b"<resources>", b'<resources xml:base="lessons/">')
    package = manifest.read(xml, names=frozenset({"course/lessons/unit1/launch.html"}))
    [item] = package.scos()
    assert item.launch == "course/lessons/unit1/launch.html?lang=en&page=2"
    assert package.files == ("course/lessons/unit1/launch.html",)


@pytest.mark.parametrize(
    ("href", "parameters", "launch"),
    [
        ("a.html", "?x=1", "a.html?x=1"),
        ("a.html", "&x=1", "a.html?x=1"),
        ("a.html", "x=1", "a.html?x=1"),
        ("a.html?y=2", "?x=1", "a.html?y=2&x=1"),
        ("a.html#top", "x=1", "a.html?x=1#top"),
        ("a.html", "#part2", "a.html#part2"),
        ("a.html#top", "#part2", "a.html#top"),
        ("a.html", "", "a.html"),
    ],
)
def test_parameters_are_merged_as_the_scorm_cam_says(href, parameters, launch):
    assert manifest.merge_parameters(href, parameters) == launch


def test_a_referenced_file_missing_from_the_package_is_named():
    resource = (
        '<resource identifier="r1" type="webcontent" href="index.html">'
        '<file href="index.html"/><file href="img/logo.png"/></resource>'
    )
    error = refusal_of(manifest_xml(resource))
    assert (error.code, error.params) == ("missing_file", {"path": "img/logo.png"})


def test_a_file_named_in_another_letter_case_is_missing():
    error = refusal_of(manifest_xml(), names=frozenset({"Index.html"}))
    assert (error.code, error.params) == ("missing_file", {"path": "index.html"})


def test_a_dependency_on_an_unknown_resource_is_refused():
    resource = (
        '<resource identifier="r1" type="webcontent" href="index.html">'
        '<dependency identifierref="shared_js"/></resource>'
    )
    error = refusal_of(manifest_xml(resource))
    assert (error.code, error.params) == (
        "unknown_resource", {"identifier": "r1", "resource": "shared_js"}
    )  # fmt: skip


def test_a_mastery_score_that_is_not_a_number_is_refused_naming_the_item():
    error = refusal_of(
        manifest_xml().replace(b"<title>Lesson</title>", b"<title>Lesson</title>"
                               b"<adlcp:masteryscore>high</adlcp:masteryscore>")
    )  # fmt: skip
    assert (error.code, error.params) == (
        "bad_value", {"field": "masteryscore", "identifier": "i1", "value": "high"}
    )  # fmt: skip


def test_two_items_with_one_identifier_are_refused():
    xml = manifest_xml().replace(
        b"</item>", b'</item><item identifier="i1" identifierref="r1"><title>Again</title></item>'
    )
    assert refusal_of(xml).code == "duplicate_identifier"


def test_an_unknown_schemaversion_is_refused_and_a_missing_one_read_from_namespaces():
    unknown = manifest_xml().replace(b">1.2<", b">SCORM 5<")
    error = refusal_of(unknown)
    assert (error.code, error.params) == ("unknown_version", {"value": "SCORM 5"})
    missing = manifest_xml().replace(b"<schemaversion>1.2</schemaversion>", b"")
    assert manifest.read(missing, names=frozenset({"index.html"})).version == "1.2"


def test_a_document_that_is_not_a_manifest_is_refused():
    assert refusal_of(HEAD.encode() + b"<html><body/></html>").code == "not_a_manifest"


URL_PARTS = st.sampled_from(
    ["a", "b.html", "/", "//", "..", ".", "%2e", "%2E%2e", "?", "#", "&", "=", ":", "\\",
     "javascript", "http", "data", "C:", "é", " ", "%2f", "x"]
)  # fmt: skip
URLS = st.lists(URL_PARTS, min_size=1, max_size=8).map("".join)


@given(href=URLS, base=URLS | st.just(""), parameters=URLS | st.just(""))
def test_whatever_the_href_base_and_parameters_a_launch_stays_inside(href, base, parameters):
    try:
        path = manifest.safe_path(base.rstrip("/") + "/" + href if base else href)
    except ManifestRefused:
        path = "index.html"
    resource = f'<resource identifier="r1" type="webcontent" href="{escape_attr(href)}"/>'
    item = f' parameters="{escape_attr(parameters)}"'
    xml = manifest_xml(resource, base=escape_attr(base), item=item)
    try:
        package = manifest.read(xml, names=frozenset({path}))
    except ManifestRefused as error:
        assert error.code in manifest.MESSAGES
        return
    launch = package.scos()[0].launch
    assert launch is not None
    assert manifest.safe_path(launch) == path
    parts = urlsplit(launch)  # as the browser resolves it: relative, inside the package
    assert (parts.scheme, parts.netloc) == ("", "") and not parts.path.startswith("/")


def test_items_nested_thousands_deep_are_refused_not_a_crash():
    nested = b"".join(b'<item identifier="d%d"><title>Deep</title>' % i for i in range(5000))
    xml = manifest_xml().replace(b"</item>", b"</item>" + nested + b"</item>" * 5000)
    error = refusal_of(xml)
    assert (error.code, error.params) == ("too_deep", {"limit": 100})
    assert str(error) == "imsmanifest.xml nests elements more than 100 deep."


def test_an_organization_with_nothing_to_launch_is_refused():
    xml = manifest_xml().replace(b' identifierref="r1"', b"")
    error = refusal_of(xml)
    assert (error.code, error.params) == ("nothing_to_launch", {"identifier": "o"})
    assert str(error) == "The organization o has no item that can be launched."
