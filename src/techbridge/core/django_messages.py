"""Django's own messages that our pages show, copied into our catalogues by makemessages.

Django ships no Lao or Filipino catalogue and only partial Khmer and Burmese ones, so these
msgids are listed here to be translated with ours; our catalogues take precedence.
The function is never called: it exists so that makemessages extracts the strings.
"""

from django.utils.translation import gettext, ngettext


def _extracted_only() -> None:  # pragma: no cover
    gettext("This field is required.")
    gettext("Enter a valid email address.")
    gettext("Enter a valid URL.")
    gettext("Select a valid choice. %(value)s is not one of the available choices.")
    gettext("No file was submitted. Check the encoding type on the form.")
    gettext("The submitted file is empty.")
    gettext(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    )
    ngettext(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        1,
    )
    gettext("Password")
    gettext("New password")
    gettext("New password confirmation")
    gettext("The two password fields didn’t match.")
    gettext("Email")
    ngettext(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    )
    ngettext(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        1,
    )
    gettext("The password is too similar to the %(verbose_name)s.")
    gettext("Your password can’t be too similar to your other personal information.")
    gettext("This password is too common.")
    gettext("Your password can’t be a commonly used password.")
    gettext("This password is entirely numeric.")
    gettext("Your password can’t be entirely numeric.")
