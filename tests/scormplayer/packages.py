"""A small SCORM 1.2 package built in the test and stored as a trainer's upload would be."""

from __future__ import annotations

import io
import zipfile

from scormpackages.models import ScormPackage
from scormpackages.services import package_import, package_replace

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="probe" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Probe</title>
      <item identifier="item" identifierref="sco"><title>Probe</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
%(files)s
    </resource>
  </resources>
</manifest>
"""


def package_zip(files: dict[str, bytes]) -> io.BytesIO:
    """A package whose one SCO launches ``index.html`` and lists every file of ``files``."""
    listed = "\n".join(f'      <file href="{name}"/>' for name in files)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST % {"files": listed})
        for name, content in files.items():
            archive.writestr(name, content)
    data.seek(0)
    return data


def stored_package(files: dict[str, bytes], *, versions: int = 1) -> ScormPackage:
    """The package stored through the import service, replaced until it has ``versions``."""
    package = package_import(source=package_zip(files), title="Probe")
    for _ in range(versions - 1):
        package_replace(package=package, source=package_zip(files))
    package.refresh_from_db()
    return package
