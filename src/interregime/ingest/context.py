"""What a source parser gets: the sources folder, pinned hashes, and an audit of what it left over."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

SOURCES_ENV = "INTERREGIME_SOURCES"


class SourceError(Exception):
    """A source that cannot be parsed; the message is one line naming the file and the place."""

    def __init__(self, file: str, place: str, message: str) -> None:
        self.file = file
        self.place = place
        self.message = message
        where = f"{file}:{place}" if place else file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Warning_:
    """Something a parser saw but did not consume (leftover text, a line it could not place)."""

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.place}: {self.message}"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_sources_dir() -> Path | None:
    value = os.environ.get(SOURCES_ENV)
    return Path(value) if value else None


@dataclass
class SourceContext:
    """The parser's window on the sources folder. ``read`` verifies the pinned sha256 of every file."""

    sources_dir: Path
    verify_hashes: bool = True
    warnings: list[Warning_] = field(default_factory=list)
    files_read: dict[str, str] = field(default_factory=dict)

    def path(self, relative: str) -> Path:
        return self.sources_dir / relative

    def read(self, relative: str, pinned_sha256: str | None) -> bytes:
        path = self.path(relative)
        if not path.is_file():
            raise SourceError(relative, "", f"file not found in sources folder {self.sources_dir}")
        data = path.read_bytes()
        digest = sha256_of(data)
        if self.verify_hashes and pinned_sha256 and digest != pinned_sha256:
            raise SourceError(
                relative, "", f"sha256 {digest[:12]}… does not match the pinned {pinned_sha256[:12]}…"
            )
        self.files_read[relative] = digest
        return data

    def warn(self, file: str, place: str | int, message: str) -> None:
        self.warnings.append(Warning_(file, str(place), message))

    def fail(self, file: str, place: str | int, message: str) -> SourceError:
        return SourceError(file, str(place), message)


@dataclass(frozen=True, slots=True)
class OfficialFile:
    """Where a source file is published, and the sha256 the parser is pinned to."""

    relative_path: str
    url: str
    sha256: str
