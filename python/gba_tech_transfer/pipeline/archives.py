"""Compressed exports land as their contents (docs/bring-your-own.md): a `.gz` or `.zst` file is one export
file, a `.zip` holds one or more. Each is decompressed into the build's temporary folder before it is
checked, so every check and every engine's reader sees a plain file; the manifest keeps the name the user
gave (`<archive>!/<member>` for a member of a zip) and the SHA-256 of the bytes as given."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import threading
import zipfile
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 24
COMPRESSED = (".gz", ".zst", ".zip")


class ArchiveError(ValueError):
    """An archive that cannot be read; the message names it."""


@dataclass(frozen=True)
class Given:
    """One export file as given: `path` is readable as is (a decompressed copy for a compressed one)."""

    path: Path
    name: str  # as the user named it; a zip member as <archive>!/<member>
    digest: Future  # of the SHA-256 of the bytes as given (hex), which may still be being computed

    @property
    def sha256(self) -> str:
        return self.digest.result()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _hashed_beside(path: Path) -> Future:
    """The file's SHA-256, computed on a thread of its own while the checks read the file: hashlib releases
    the GIL over large buffers, so the hash (x100's 1.6 GB: 4 s of one core) no longer adds to the checks'
    time. A daemon thread: a refused file does not keep the process waiting for its hash."""
    digest: Future = Future()

    def run() -> None:
        try:
            digest.set_result(sha256_of(path))
        except BaseException as error:  # noqa: BLE001 - handed to whoever asks for the hash
            digest.set_exception(error)

    threading.Thread(target=run, name=f"sha256 {path.name}", daemon=True).start()
    return digest


def _hashed(hexdigest: str) -> Future:
    digest: Future = Future()
    digest.set_result(hexdigest)
    return digest


def is_compressed(path: Path) -> bool:
    return path.suffix.lower() in COMPRESSED


def expand(path: Path, into: Path, index: int) -> list[Given]:
    """`path` as the export files it holds: itself, or its decompressed contents under `into`."""
    suffix = path.suffix.lower()
    if suffix not in COMPRESSED:
        return [Given(path, str(path), _hashed_beside(path))]
    folder = into / f"{index:03d}-unpacked"
    folder.mkdir(parents=True, exist_ok=True)
    if suffix == ".zip":
        return _unzip(path, folder)
    target = folder / path.with_suffix("").name  # x.csv.gz -> x.csv
    try:
        if suffix == ".gz":
            with gzip.open(path, "rb") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
        else:
            import zstandard

            with path.open("rb") as src, target.open("wb") as dst:
                zstandard.ZstdDecompressor().copy_stream(src, dst, read_size=CHUNK, write_size=CHUNK)
    except (OSError, EOFError, ValueError) as error:  # gzip, zstandard and a full disk all end up here
        raise ArchiveError(f"{path}: cannot be decompressed as {suffix[1:]} ({error})") from error
    return [Given(target, str(path), _hashed_beside(path))]


def _unzip(path: Path, folder: Path) -> list[Given]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ArchiveError(f"{path}: not a readable zip archive ({error})") from error
    given = []
    with archive:
        members = sorted(m for m in archive.infolist() if not m.is_dir() and not _is_clutter(m.filename))
        if not members:
            raise ArchiveError(f"{path}: the zip archive holds no file")
        for number, member in enumerate(members):
            target = folder / f"{number:03d}-{Path(member.filename).name}"
            digest = hashlib.sha256()
            with archive.open(member) as src, target.open("wb") as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
            given.append(Given(target, f"{path}!/{member.filename}", _hashed(digest.hexdigest())))
    return given


def _is_clutter(name: str) -> bool:
    """What archivers add beside the files: macOS resource forks and Finder files."""
    return name.startswith("__MACOSX/") or Path(name).name in (".DS_Store", "Thumbs.db")
