"""`fetch` on local files: official addresses are replaced by file:// URLs (no network here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interregime.ingest import fetch as fetch_module
from interregime.ingest.context import OfficialFile, SourceError, sha256_of


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, OfficialFile]:
    upstream = tmp_path / "upstream" / "list.pdf"
    upstream.parent.mkdir()
    upstream.write_bytes(b"%PDF-1.7 an official list")
    official = OfficialFile("wassenaar/list.pdf", upstream.as_uri(), sha256_of(upstream.read_bytes()))
    return tmp_path / "sources", official


def test_downloads_and_verifies(published: tuple[Path, OfficialFile]) -> None:
    folder, official = published
    assert fetch_module.fetch_file(folder, official) == "downloaded"
    assert (folder / "wassenaar" / "list.pdf").read_bytes() == b"%PDF-1.7 an official list"
    assert fetch_module.fetch_file(folder, official) == "up to date"


def test_a_file_with_another_hash_is_not_saved(published: tuple[Path, OfficialFile]) -> None:
    folder, official = published
    tampered = OfficialFile(official.relative_path, official.url, "f" * 64)
    with pytest.raises(SourceError, match=r"wassenaar/list.pdf: downloaded file has sha256 .* not saved"):
        fetch_module.fetch_file(folder, tampered)
    assert not (folder / "wassenaar" / "list.pdf").exists()


def test_a_good_copy_survives_a_bad_download(published: tuple[Path, OfficialFile]) -> None:
    folder, official = published
    fetch_module.fetch_file(folder, official)
    good = OfficialFile(official.relative_path, official.url, official.sha256)
    changed = OfficialFile(good.relative_path, good.url + ".missing", "e" * 64)
    with pytest.raises(SourceError, match=r"download from .* failed"):
        fetch_module.fetch_file(folder, changed)
    assert (folder / "wassenaar" / "list.pdf").read_bytes() == b"%PDF-1.7 an official list"


def test_every_registered_source_pins_its_official_files() -> None:
    from interregime.ingest import registry

    for list_id in registry.available_lists():
        module = registry.load_source(list_id)
        assert module.OFFICIAL, list_id
        pinned = set(module.FILES.values())
        for official in module.OFFICIAL:
            assert official.url.startswith("https://"), (list_id, official.url)
            assert len(official.sha256) == 64
            assert official.sha256 in pinned, (list_id, official.relative_path)
