"""Language detection restricted to the supported languages, with a generic fallback.

One model (py3langid's bundled one, over all its languages) is loaded once per process and
scores a bounded sample of the text once: the probabilities of the supported languages,
renormalised among themselves, are exactly what a model restricted to them would give, so
one pass answers both "is it foreign?" and "which supported language?".

The bundled model is LZMA-compressed, and decompressing it costs most of a second at every
start. The first load therefore keeps its arrays, uncompressed, in a cache folder
(`$XDG_CACHE_HOME/workbench`, else `~/.cache/workbench`; `WORKBENCH_CACHE_DIR` overrides), and
later processes map them from there; where no cache can be written the model is decompressed
in memory as before. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import lzma
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
from py3langid import langid

from workbench.models import GENERIC_LANGUAGE, SUPPORTED_LANGUAGES

# Fewer letters than this carry too little signal for a trustworthy guess.
MIN_LETTERS = 12
# Probability (normalised over the six languages) below which we call the text unclear.
MIN_RESTRICTED_CONFIDENCE = 0.80
# If the model is at least this sure of an unsupported language, it is that language.
MAX_OTHER_CONFIDENCE = 0.50
# The sample classified: the opening of the text and, for a long text, a stretch of its
# middle (a quoted foreign passage or a foreign header then weighs less). Past a few thousand
# characters the answer no longer changes, only the time.
SAMPLE_HEAD = 1000
SAMPLE_MIDDLE = 500
CACHE_ENV = "WORKBENCH_CACHE_DIR"
_ARRAYS = ("ptc", "pc", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {2: "H", 4: "I", 8: "L"}


def _model_path() -> Path:
    path = Path(langid.MODEL_FILE)
    return path if path.is_absolute() else Path(langid.MODEL_DIR) / path


def _cache_root() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "workbench"


def _cache_folder(model: Path) -> Path:
    """A folder named after the model file's identity, so an upgraded model gets a fresh cache."""
    stat = model.stat()
    key = hashlib.sha256(f"{model}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    return _cache_root() / f"langid-{key}"


def _from_arrays(arrays: dict[str, np.ndarray], classes: list[str]) -> langid.LanguageIdentifier:
    # The DFA is walked one byte at a time in Python: a memoryview answers each step as fast as
    # a stdlib array and, over the mapped file, costs no copy of its 40 MB.
    table = np.ascontiguousarray(arrays["nextmove"])
    nextmove = memoryview(table).cast("B").cast(_TYPECODES[table.dtype.itemsize])
    return langid.LanguageIdentifier(
        arrays["ptc"],
        arrays["pc"],
        classes,
        nextmove,
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=arrays["nextmove_row"].tolist(),
    )


def _write_cache(folder: Path, model: Path) -> None:
    """Decompress the bundled model into `folder` (written aside, then renamed into place)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    try:
        with tempfile.TemporaryFile(suffix=".npz") as raw:
            with lzma.open(model) as source:
                shutil.copyfileobj(source, raw, length=1 << 20)
            raw.seek(0)
            with np.load(raw, allow_pickle=False) as data:
                for name in _ARRAYS:
                    np.save(scratch / f"{name}.npy", data[name], allow_pickle=False)
                (scratch / "classes.txt").write_text("\n".join(data["classes"].tolist()), encoding="utf-8")
        os.replace(scratch, folder)
    except OSError:
        for leftover in scratch.glob("*"):
            leftover.unlink(missing_ok=True)
        scratch.rmdir()
        if not folder.is_dir():
            raise


def _load_cached(folder: Path) -> langid.LanguageIdentifier:
    # Mapped, not read: only the rows a text touches are ever paged in. np.asarray drops the
    # memmap subclass, whose indexing costs more than the lookup itself.
    arrays = {name: np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)) for name in _ARRAYS}
    classes = (folder / "classes.txt").read_text(encoding="utf-8").split("\n")
    return _from_arrays(arrays, classes)


@lru_cache(maxsize=1)
def identifier() -> langid.LanguageIdentifier:
    """py3langid's bundled model over all its languages, loaded once per process."""
    model = _model_path()
    try:
        folder = _cache_folder(model)
        if not folder.is_dir():
            _write_cache(folder, model)
        return _load_cached(folder)
    except (OSError, ValueError):
        # No writable cache (or a damaged one): decompress in memory, as py3langid does.
        return langid.LanguageIdentifier.from_modelpath(model, norm_probs=True)


def sample(text: str) -> str:
    """The bounded part of `text` that is classified: its head and, if long, a stretch of its middle."""
    if len(text) <= SAMPLE_HEAD + SAMPLE_MIDDLE:
        return text
    middle = len(text) // 2
    return text[:SAMPLE_HEAD] + "\n" + text[middle : middle + SAMPLE_MIDDLE]


def _has_letters(text: str, count: int) -> bool:
    """Whether `text` holds at least `count` letters (stops counting there)."""
    for ch in text:
        if ch.isalpha():
            count -= 1
            if count == 0:
                return True
    return False


def detect_language(text: str) -> str:
    """One of SUPPORTED_LANGUAGES, or GENERIC_LANGUAGE when the text is too short, unclear or foreign."""
    if not _has_letters(text[:2000], MIN_LETTERS):
        return GENERIC_LANGUAGE
    ranking = dict(identifier().rank(sample(text)))
    supported = {code: ranking.get(code, 0.0) for code in SUPPORTED_LANGUAGES}
    best_supported = max(supported, key=supported.__getitem__)
    best, best_score = max(ranking.items(), key=lambda item: item[1])
    if best not in SUPPORTED_LANGUAGES:
        # Only trust "foreign" when it clearly beats every supported language.
        if best_score >= MAX_OTHER_CONFIDENCE and best_score > 2 * supported[best_supported]:
            return GENERIC_LANGUAGE
    total = sum(supported.values())
    if total <= 0.0 or supported[best_supported] / total < MIN_RESTRICTED_CONFIDENCE:
        return GENERIC_LANGUAGE
    return best_supported
