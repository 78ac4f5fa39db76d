"""A DOCX is a zip archive: look inside before Pandoc opens it.

Refused, naming the file and the member: an archive member whose name would write
outside the folder it is extracted into (an absolute path or ``..``: "zip slip"), and a
decompression bomb (more than ``MAX_UNPACKED`` bytes in all, or a large member packed
more than ``MAX_RATIO`` times), counted from what the members really unpack to, never
from the sizes the archive declares. Real Word documents are far from either limit: a 300-page
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
#: How much is unpacked at a time while counting.
CHUNK = 1024 * 1024


def check_archive(data: bytes, file_name: str) -> None:
    """Raise ToolkitError when ``data`` is not a zip archive, would write outside its
    folder, or unpacks to far more than it holds.

    The sizes an archive declares can lie, so every member is unpacked here, counting the
    bytes it really gives, and its checksum checked: a member that gives more or other
    bytes than it declares is refused as forged.
    """
    where = Location(file_name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile:
        raise ToolkitError(
            "this is not a Word document (.docx is a zip archive, and this is not one)",
            where=where,
            fix="open it in Word or LibreOffice and save it as .docx, or import its text",
        ) from None
    total = 0
    for member in members:
        _check_name(member.filename, where)
        unpacked = _unpacked_size(archive, member, where, MAX_UNPACKED - total)
        total += unpacked
        packed = max(member.compress_size, 1)
        if unpacked > RATIO_FROM and unpacked / packed > MAX_RATIO:
            raise _bomb(member.filename, f"unpacks to {unpacked} bytes from {packed}", where)


def _check_name(name: str, where: Location) -> None:
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or ".." in posix.parts + windows.parts:
        raise ToolkitError(
            f"it holds a member named {name!r}, which would be written outside the folder it "
            "is unpacked into",
            where=where,
            fix="this is not a document Word wrote; do not import it",
        )


def _unpacked_size(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, where: Location, room: int
) -> int:
    """The bytes ``member`` really unpacks to, read in chunks and never more than ``room``."""
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > room:
                    raise _bomb(member.filename, f"unpacks to over {MAX_UNPACKED} bytes", where)
        if size != member.file_size:
            raise zipfile.BadZipFile("size differs from the declared size")
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise ToolkitError(
            f"its member {member.filename!r} is damaged or forged ({exc})",
            where=where,
            fix="open it in Word or LibreOffice and save it as .docx again",
        ) from None
    return size


def _bomb(name: str, what: str, where: Location) -> ToolkitError:
    return ToolkitError(
        f"its member {name!r} {what}: a decompression bomb",
        where=where,
        fix="this is not a document Word wrote; do not import it",
    )
