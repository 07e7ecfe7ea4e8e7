from techbridge.core.languages import language_switcher_entries


def platform(request) -> dict:
    return {"ui_languages": language_switcher_entries()}
