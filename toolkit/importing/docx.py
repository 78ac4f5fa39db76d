"""A DOCX is a zip archive: look inside before Pandoc opens it.

Refused, naming the file and the member: an archive member whose name would write
outside the folder it is extracted into (an absolute path or ``..``: "zip slip"), and a
decompression bomb (more than ``MAX_UNPACKED`` bytes in all, or a large member packed
more than ``MAX_RATIO`` times). Real Word documents are far from either limit: a 300-page
book with photographs unpacks to tens of megabytes, compressed two to ten times.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath, PureWindowsPath

from toolkit.errors import Location, ToolkitError

#: All members together, unpacked.
MAX_UNPACKED = 1024 * 1024 * 1024
#: Unpacked size over packed size, for a member over ``RATIO_FROM`` bytes unpacked.
MAX_RATIO = 200
RATIO_FROM = 10 * 1024 * 1024


def check_archive(data: bytes, file_name: str) -> None:
    """Raise ToolkitError when ``data`` is not a zip archive, would write outside its
    folder, or unpacks to far more than it holds."""
    where = Location(file_name)
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise ToolkitError(
            f"{file_name} is not a Word document (.docx is a zip archive, and this is not one)",
            where=where,
            fix="open it in Word or LibreOffice and save it as .docx, or import its text",
        ) from None
    total = 0
    for member in members:
        name = member.filename
        posix, windows = PurePosixPath(name), PureWindowsPath(name)
        if posix.is_absolute() or windows.is_absolute() or ".." in posix.parts + windows.parts:
            raise ToolkitError(
                f"{file_name} holds a member named {name!r}, which would be written outside "
                "the folder it is unpacked into",
                where=where,
                fix="this is not a document Word wrote; do not import it",
            )
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size > RATIO_FROM and member.file_size / packed > MAX_RATIO:
            raise ToolkitError(
                f"{file_name}: its member {name!r} unpacks to {member.file_size} bytes from "
                f"{member.compress_size}: a decompression bomb",
                where=where,
                fix="this is not a document Word wrote; do not import it",
            )
    if total > MAX_UNPACKED:
        raise ToolkitError(
            f"{file_name} unpacks to {total} bytes, over the {MAX_UNPACKED} the import reads",
            where=where,
            fix="split the document, or import its text",
        )
