#!/usr/bin/env bash
# Vendor front-end assets (htmx + Noto web fonts) from the npm registry into
# src/techbridge/static/vendor/ so the site works offline (no CDN).
#
# What it does (idempotent; safe to re-run):
#   1. `npm install` the pinned packages into a throw-away temp directory.
#   2. Replaces src/techbridge/static/vendor/htmx/ and .../vendor/fonts/ with:
#        htmx/htmx.min.js + LICENSE
#        fonts/<package>/<package>-<subset>-<400|700>-normal.woff2 + LICENSE
#      (woff2 only, weights 400 and 700, normal style; for Noto Sans only the
#      latin, latin-ext and vietnamese subsets).
#   3. Generates fonts/fonts.css from each package's own CSS, so the
#      unicode-range of every subset is the upstream one.
#   4. Checks that every url() in fonts.css resolves, prints files and size.
#
# vendor/README.md is maintained by hand and is not touched.
#
# Usage:
#   scripts/vendor_assets.sh                       # reproduce pinned versions
#   HTMX_VERSION=2 FONTSOURCE_VERSION=5 scripts/vendor_assets.sh
#                                                  # refresh to newest 2.x / 5.x,
#                                                  # then update the pins below
#                                                  # and vendor/README.md
# Needs: bash, npm (Node >= 18), python3 (>= 3.8).
set -euo pipefail

HTMX_VERSION="${HTMX_VERSION:-2.0.11}"              # htmx 2.x only, never 4.x
FONTSOURCE_VERSION="${FONTSOURCE_VERSION:-5.3.0}"   # all @fontsource/noto-sans-* packages
# Drop Noto Sans SC weight 700 if keeping it would push the vendored fonts
# above this many bytes.
MAX_FONT_BYTES="${MAX_FONT_BYTES:-25000000}"
PYTHON="${PYTHON:-python3}"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR_DIR="$REPO_ROOT/src/techbridge/static/vendor"

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/techbridge-vendor.XXXXXX")"
trap 'rm -rf "$WORK_DIR"' EXIT

echo "==> npm install into $WORK_DIR"
printf '{\n  "name": "techbridge-vendor-assets",\n  "private": true\n}\n' >"$WORK_DIR/package.json"
npm install --prefix "$WORK_DIR" --no-audit --no-fund --ignore-scripts --save-exact \
  "htmx.org@${HTMX_VERSION}" \
  "@fontsource/noto-sans@${FONTSOURCE_VERSION}" \
  "@fontsource/noto-sans-thai@${FONTSOURCE_VERSION}" \
  "@fontsource/noto-sans-lao@${FONTSOURCE_VERSION}" \
  "@fontsource/noto-sans-khmer@${FONTSOURCE_VERSION}" \
  "@fontsource/noto-sans-myanmar@${FONTSOURCE_VERSION}" \
  "@fontsource/noto-sans-sc@${FONTSOURCE_VERSION}"

echo "==> copying files and generating fonts.css"
"$PYTHON" - "$WORK_DIR/node_modules" "$VENDOR_DIR" "$MAX_FONT_BYTES" <<'PY'
import json
import re
import shutil
import sys
from pathlib import Path

node_modules = Path(sys.argv[1])
vendor = Path(sys.argv[2])
max_font_bytes = int(sys.argv[3])

# (npm package, CSS family name, subsets to keep or None for all)
FAMILIES = [
    ("@fontsource/noto-sans", "Noto Sans", ["latin", "latin-ext", "vietnamese"]),
    ("@fontsource/noto-sans-thai", "Noto Sans Thai", None),
    ("@fontsource/noto-sans-lao", "Noto Sans Lao", None),
    ("@fontsource/noto-sans-khmer", "Noto Sans Khmer", None),
    ("@fontsource/noto-sans-myanmar", "Noto Sans Myanmar", None),
    ("@fontsource/noto-sans-sc", "Noto Sans SC", None),
]
WEIGHTS = ["400", "700"]

BLOCK_RE = re.compile(r"/\*\s*(?P<name>[^*]*?)\s*\*/\s*@font-face\s*\{(?P<body>[^}]*)\}", re.S)
WOFF2_RE = re.compile(r"url\(\s*['\"]?\./files/(?P<file>[^'\")]+\.woff2)['\"]?\s*\)\s*format\(\s*['\"]woff2['\"]\s*\)")


def version(pkg):
    return json.loads((node_modules / pkg / "package.json").read_text())["version"]


def parse_faces(css_path):
    """Yield dicts of the descriptors of each @font-face block in css_path."""
    for m in BLOCK_RE.finditer(css_path.read_text(encoding="utf-8")):
        desc = {}
        for decl in m.group("body").split(";"):
            if ":" in decl:
                key, value = decl.split(":", 1)
                desc[key.strip()] = value.strip()
        desc["_comment"] = m.group("name")
        yield desc


def collect(pkg, family, subsets, weight):
    """Return the faces (in upstream order) of one package and weight."""
    pkg_dir = node_modules / pkg
    slug = pkg.split("/", 1)[1]
    faces = []
    for d in parse_faces(pkg_dir / f"{weight}.css"):
        fam = d["font-family"].strip("'\"")
        if fam != family:
            sys.exit(f"{pkg}: unexpected family {fam!r}, expected {family!r}")
        if d["font-style"] != "normal" or d["font-weight"] != weight:
            continue
        m = WOFF2_RE.search(d["src"])
        if not m:
            sys.exit(f"{pkg}: no woff2 source in {d['_comment']}")
        fname = m.group("file")
        suffix = f"-{weight}-normal.woff2"
        if not (fname.startswith(slug + "-") and fname.endswith(suffix)):
            sys.exit(f"{pkg}: unexpected file name {fname}")
        subset = fname[len(slug) + 1 : -len(suffix)]
        if subsets is not None and subset not in subsets:
            continue
        if "unicode-range" not in d:
            sys.exit(f"{pkg}: {fname} has no unicode-range")
        src = pkg_dir / "files" / fname
        faces.append({
            "pkg": pkg, "slug": slug, "family": family, "weight": weight,
            "subset": subset, "file": fname, "src": src,
            "size": src.stat().st_size, "range": d["unicode-range"],
        })
    if subsets is not None:
        missing = set(subsets) - {f["subset"] for f in faces}
        if missing:
            sys.exit(f"{pkg}: subsets not found for weight {weight}: {sorted(missing)}")
    if not faces:
        sys.exit(f"{pkg}: no faces found for weight {weight}")
    return faces


plan = {}  # pkg -> list of faces
for pkg, family, subsets in FAMILIES:
    plan[pkg] = [f for w in WEIGHTS for f in collect(pkg, family, subsets, w)]

total = sum(f["size"] for faces in plan.values() for f in faces)
if total > max_font_bytes:
    sc = "@fontsource/noto-sans-sc"
    plan[sc] = [f for f in plan[sc] if f["weight"] == "400"]
    new_total = sum(f["size"] for faces in plan.values() for f in faces)
    print(f"NOTE: fonts would be {total} bytes (> {max_font_bytes}); "
          f"keeping only weight 400 of Noto Sans SC ({new_total} bytes).")

# --- htmx -------------------------------------------------------------------
htmx_src = node_modules / "htmx.org"
htmx_version = version("htmx.org")
if not htmx_version.startswith("2."):
    sys.exit(f"htmx.org {htmx_version} is not a 2.x release")
htmx_dir = vendor / "htmx"
if htmx_dir.exists():
    shutil.rmtree(htmx_dir)
htmx_dir.mkdir(parents=True)
shutil.copyfile(htmx_src / "dist" / "htmx.min.js", htmx_dir / "htmx.min.js")
shutil.copyfile(htmx_src / "LICENSE", htmx_dir / "LICENSE")

# --- fonts ------------------------------------------------------------------
fonts_dir = vendor / "fonts"
if fonts_dir.exists():
    shutil.rmtree(fonts_dir)
fonts_dir.mkdir(parents=True)

lines = [
    "/*",
    " * Self-hosted web fonts for techbridge.",
    " * GENERATED by scripts/vendor_assets.sh -- do not edit by hand.",
    " * Source: npm packages (SIL Open Font License 1.1; see LICENSE in each folder):",
]
for pkg, _family, _subsets in FAMILIES:
    lines.append(f" *   {pkg}@{version(pkg)}")
lines += [
    " * Weights 400 and 700, normal style, woff2 only; unicode-range values are",
    " * copied from each package's own CSS so browsers fetch only needed subsets.",
    " * Suggested stack:",
    ' *   font-family: "Noto Sans", "Noto Sans Thai", "Noto Sans Lao",',
    ' *     "Noto Sans Khmer", "Noto Sans Myanmar", "Noto Sans SC", sans-serif;',
    " */",
    "",
]
for pkg, family, _subsets in FAMILIES:
    faces = plan[pkg]
    slug = pkg.split("/", 1)[1]
    dest = fonts_dir / slug
    dest.mkdir()
    shutil.copyfile(node_modules / pkg / "LICENSE", dest / "LICENSE")
    weights = sorted({f["weight"] for f in faces})
    lines.append(f"/* ===== {family} ({pkg}@{version(pkg)}; weights {', '.join(weights)}) ===== */")
    lines.append("")
    for f in faces:
        shutil.copyfile(f["src"], dest / f["file"])
        lines += [
            f"/* {slug}-{f['subset']}-{f['weight']}-normal */",
            "@font-face {",
            f'  font-family: "{family}";',
            "  font-style: normal;",
            f"  font-weight: {f['weight']};",
            "  font-display: swap;",
            f"  src: url(\"{slug}/{f['file']}\") format(\"woff2\");",
            f"  unicode-range: {f['range']};",
            "}",
            "",
        ]
(fonts_dir / "fonts.css").write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")

# --- verify -----------------------------------------------------------------
css = (fonts_dir / "fonts.css").read_text(encoding="utf-8")
urls = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css)
missing = [u for u in urls if not (fonts_dir / u).is_file()]
if missing:
    sys.exit(f"fonts.css references missing files: {missing}")
on_disk = {p.relative_to(fonts_dir).as_posix() for p in fonts_dir.rglob("*.woff2")}
unused = on_disk - set(urls)
if unused:
    sys.exit(f"woff2 files not referenced by fonts.css: {sorted(unused)}")
print(f"fonts.css: {css.count('@font-face')} @font-face rules, all {len(urls)} url() targets exist")

print("versions:")
print(f"  htmx.org {htmx_version}")
for pkg, _family, _subsets in FAMILIES:
    print(f"  {pkg} {version(pkg)}")

print("files per folder:")
grand = 0
for d in [htmx_dir] + sorted(p for p in fonts_dir.iterdir() if p.is_dir()):
    files = [p for p in d.iterdir() if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    grand += size
    print(f"  {d.relative_to(vendor)}/: {len(files)} files, {size} bytes")
css_size = (fonts_dir / "fonts.css").stat().st_size
grand += css_size
print(f"  fonts/fonts.css: {css_size} bytes")
print(f"total (htmx + fonts, excluding README.md): {grand} bytes ({grand / 1e6:.2f} MB)")
PY
