from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the visitor chose another language with the switcher.

    Many villagers' phones are set to English, so the browser's Accept-Language is not a choice they made;
    only the language cookie written by Django's `set_language` view is.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class TextGZipMiddleware(GZipMiddleware):
    """Gzip pages, JSON and scripts; leave pictures, audio and files alone (already compressed)."""

    COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/manifest+json", "image/svg")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)
