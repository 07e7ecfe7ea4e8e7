"""Reproduce the fonts in src/techbridge/core/fonts/ (used by core/pdf.py) from Debian packages.

    .venv/bin/python scripts/build_pdf_fonts.py            # downloads the two .deb files with apt
    .venv/bin/python scripts/build_pdf_fonts.py --debs DIR # or uses fonts-noto-*.deb already in DIR

Steps (see src/techbridge/core/fonts/PROVENANCE.md):
1. `apt-get download fonts-noto-core fonts-noto-cjk` (the versions pinned below; any other
   version stops the script) and `dpkg-deb -x` each into a temporary directory.
2. Copies Noto Sans, Noto Sans Thai, Lao, Khmer and Myanmar (Regular and Bold TrueType) as they are.
3. Takes the "Noto Sans CJK SC" face out of NotoSansCJK-{Regular,Bold}.ttc and subsets it with
   fontTools to CJK_RANGES below: every CJK Unified Ideograph of the basic block (U+4E00-U+9FFF,
   which holds all GB 2312 and GBK hanzi and the basic-block part of the Table of General
   Standard Chinese Characters), CJK punctuation, full-width forms, and Latin/Greek/Cyrillic
   basics for mixed lines. OpenType layout features are all kept; hinting is dropped (a PDF
   viewer does not need it).
4. Copies the OFL licence text and prints every file with its size and SHA-256.
Needs: apt-get and dpkg-deb (Debian), fontTools (pip; a dependency of fpdf2).
"""

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "techbridge" / "core" / "fonts"
PACKAGES = {"fonts-noto-core": "20201225-1", "fonts-noto-cjk": "1:20220127+repack1-1"}
CORE_DIR = "usr/share/fonts/truetype/noto"
CJK_DIR = "usr/share/fonts/opentype/noto"
COPIED = [
    f"NotoSans{script}-{weight}.ttf"
    for script in ("", "Thai", "Lao", "Khmer", "Myanmar")
    for weight in ("Regular", "Bold")
]
CJK_FACE = "Noto Sans CJK SC"
CJK_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x02C6, 0x02DD),  # spacing modifiers (tone marks in pinyin input)
    (0x0391, 0x03C9),  # Greek
    (0x0401, 0x0451),  # Cyrillic (GB 2312 row 7)
    (0x2010, 0x2030),  # general punctuation: dashes, quotes, ellipsis, per mille
    (0x2032, 0x203B),  # primes, reference mark
    (0x2103, 0x2122),  # letterlike: degree Celsius, No., TM
    (0x2160, 0x217F),  # Roman numerals
    (0x2190, 0x2199),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics (circled numbers)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2600, 0x2642),  # miscellaneous symbols in GB 2312
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # kana (GB 2312 rows 4-5)
    (0x3105, 0x312F),  # bopomofo
    (0x3200, 0x33FF),  # enclosed CJK letters, CJK compatibility
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]


def download(debs: Path) -> None:
    for name, version in PACKAGES.items():
        subprocess.run(["apt-get", "download", f"{name}={version}"], cwd=debs, check=True)


def extract(debs: Path, into: Path) -> None:
    for name, version in PACKAGES.items():
        found = sorted(debs.glob(f"{name}_*.deb"))
        if len(found) != 1:
            sys.exit(f"expected one {name}_*.deb in {debs}, found {found}")
        info = subprocess.run(
            ["dpkg-deb", "-f", str(found[0]), "Version"], capture_output=True, text=True, check=True
        )
        if info.stdout.strip() != version:
            sys.exit(f"{found[0].name}: version {info.stdout.strip()}, expected {version}")
        subprocess.run(["dpkg-deb", "-x", str(found[0]), str(into)], check=True)


def subset_cjk(ttc: Path, target: Path) -> None:
    collection = TTCollection(str(ttc))
    faces = [f for f in collection.fonts if f["name"].getDebugName(4).startswith(CJK_FACE)]
    face = next(f for f in faces if f["name"].getDebugName(1) == CJK_FACE)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    unicodes = [cp for start, end in CJK_RANGES for cp in range(start, end + 1)]
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(face)
    face.recalcTimestamp = False  # keep head.modified from upstream: the same bytes every run
    face.save(str(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debs", type=Path, help="directory holding the two .deb files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="techbridge-fonts.") as tmp:
        work = Path(tmp)
        debs = args.debs or work
        if args.debs is None:
            download(debs)
        extract(debs, work / "x")
        OUT.mkdir(parents=True, exist_ok=True)
        for name in COPIED:
            shutil.copyfile(work / "x" / CORE_DIR / name, OUT / name)
        for weight in ("Regular", "Bold"):
            ttc = work / "x" / CJK_DIR / f"NotoSansCJK-{weight}.ttc"
            subset_cjk(ttc, OUT / f"NotoSansSC-{weight}.subset.otf")
        licence = work / "x" / "usr/share/doc/fonts-noto-core/copyright"
        shutil.copyfile(licence, OUT / "debian-copyright-fonts-noto-core.txt")
        licence = work / "x" / "usr/share/doc/fonts-noto-cjk/copyright"
        shutil.copyfile(licence, OUT / "debian-copyright-fonts-noto-cjk.txt")
    total = 0
    for path in sorted(OUT.glob("*.[ot]tf")):
        size = path.stat().st_size
        total += size
        print(f"{path.name:34} {size:>9}  {hashlib.sha256(path.read_bytes()).hexdigest()}")
    print(f"total {total} bytes ({total / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
