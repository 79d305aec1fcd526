"""A cache of sentence embeddings keyed by a hash of the text, shared by every version of the
index: a rebuilt corpus only encodes the lines it has not seen before."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from interregime.analytics.search import dense

_FILE_STEM = "minilm-l6-v2-int8-parts"


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


class EmbeddingStore:
    def __init__(self, folder: Path) -> None:
        self._keys_file = folder / f"{_FILE_STEM}.keys.json"
        self._vectors_file = folder / f"{_FILE_STEM}.npy"
        self._rows: dict[str, int] = {}
        self._vectors = np.zeros((0, dense.DIMENSION), dtype=np.float16)
        if self._keys_file.exists() and self._vectors_file.exists():
            try:
                rows = json.loads(self._keys_file.read_text(encoding="utf-8"))
                vectors = np.load(self._vectors_file)
            except (OSError, ValueError):
                return
            if isinstance(rows, dict) and vectors.shape == (len(rows), dense.DIMENSION):
                self._rows, self._vectors = {str(k): int(v) for k, v in rows.items()}, vectors

    def vectors(self, texts: list[str], encoder: dense.Encoder | None = None) -> dense.Vectors:
        """Embeddings of ``texts``, encoding (and remembering) only the ones not stored yet."""
        keys = [_key(text) for text in texts]
        missing = list(dict.fromkeys(key_text for key_text in zip(keys, texts, strict=True)
                                     if key_text[0] not in self._rows))
        if missing:
            encoded = (encoder or dense.Encoder()).encode([text for _, text in missing])
            start = len(self._rows)
            for offset, (key, _) in enumerate(missing):
                self._rows[key] = start + offset
            self._vectors = np.concatenate([self._vectors, encoded.astype(np.float16)])
            self._save()
        return np.asarray(self._vectors[[self._rows[key] for key in keys]], dtype=np.float32)

    def _save(self) -> None:
        self._keys_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._vectors_file.with_suffix(".tmp.npy")
        np.save(temporary, self._vectors)
        temporary.replace(self._vectors_file)
        keys_temporary = self._keys_file.with_suffix(".tmp")
        keys_temporary.write_text(json.dumps(self._rows), encoding="utf-8")
        keys_temporary.replace(self._keys_file)
