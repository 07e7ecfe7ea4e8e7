"""After `makemessages`: fix catalogue headers (language, plural forms, not fuzzy) and fill
the English catalogue with its own msgids. Run: .venv/bin/python scripts/prepare_catalogues.py"""

import io
from pathlib import Path

from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "techbridge" / "locale"


def main() -> None:
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po")):
        locale = po_path.parts[-3]
        # makemessages leaves a placeholder Babel cannot parse; Babel fills it from CLDR.
        plural = get_plural(locale)
        text = po_path.read_text("utf-8").replace(
            "nplurals=INTEGER; plural=EXPRESSION;",
            f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
        )
        catalogue = read_po(io.BytesIO(text.encode()), locale=locale)
        catalogue.locale = locale
        catalogue.fuzzy = False
        catalogue.project = "techbridge"
        catalogue.msgid_bugs_address = ""
        if locale == "en":
            # English is the source language: every msgstr is its msgid, never a fuzzy guess.
            for message in catalogue:
                if message.id:
                    message.string = message.id
                message.flags.discard("fuzzy")
        with po_path.open("wb") as handle:
            write_po(handle, catalogue, width=100, omit_header=False, sort_output=False)
        print(locale, catalogue.plural_forms, len(catalogue))


if __name__ == "__main__":
    main()
