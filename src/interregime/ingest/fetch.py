"""Download the official publications into the sources folder, verifying their pinned sha256.

A file is written only once its hash matches, through a temporary file and an atomic rename, so a
failed or tampered download never replaces a good copy."""

from __future__ import annotations

import os
import tempfile
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from interregime.ingest import registry
from interregime.ingest.context import OfficialFile, SourceError, sha256_of

Opener = Callable[[str], bytes]


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "interregime (export-control research)"})
    with urllib.request.urlopen(request, timeout=60) as response:
        data: bytes = response.read()
        return data


@dataclass(frozen=True, slots=True)
class FetchResult:
    list_id: str
    file: str
    url: str
    status: str

    def as_row(self) -> dict[str, str]:
        return {"list": self.list_id, "file": self.file, "url": self.url, "status": self.status}


def fetch_file(folder: Path, official: OfficialFile, opener: Opener = _download) -> str:
    target = folder / official.relative_path
    if target.is_file() and sha256_of(target.read_bytes()) == official.sha256:
        return "up to date"
    try:
        data = opener(official.url)
    except OSError as error:
        raise SourceError(official.relative_path, "", f"download from {official.url} failed: {error}") from error
    digest = sha256_of(data)
    if digest != official.sha256:
        raise SourceError(
            official.relative_path, "",
            f"downloaded file has sha256 {digest[:12]}…, pinned {official.sha256[:12]}…; not saved",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".fetch-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, target)
    return "downloaded"


def fetch(folder: Path, list_ids: Sequence[str], progress: Callable[[str], None] | None = None,
          opener: Opener = _download) -> list[FetchResult]:
    results: list[FetchResult] = []
    for list_id in list_ids:
        module = registry.load_source(list_id)
        for official in getattr(module, "OFFICIAL", []):
            if progress:
                progress(f"{list_id}: {official.relative_path}")
            status = fetch_file(folder, official, opener)
            results.append(FetchResult(list_id, official.relative_path, official.url, status))
    return results
