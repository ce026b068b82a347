"""The lesson search, and what makes the site readable offline and installable on a phone."""

import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from courses.selectors import lessons_search

SEARCH_MAX_LENGTH = 100


@require_GET
def search(request):
    """Lessons and courses matching the words typed, with or without Vietnamese accents."""
    query = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX_LENGTH]
    results = lessons_search(query) if query else []
    return render(request, "courses/search.html", {"query": query, "results": results})


@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    """The service worker, from the site root so it may look after every page."""
    # A JavaScript file, not HTML: the settings go in as JSON literals.
    config = {
        "offline_url": reverse("courses:offline"),
        "precache": [reverse("courses:offline"), static("css/site.css")],
        "static_url": settings.STATIC_URL,
        "images_url": f"{settings.MEDIA_URL}images/",
    }
    context = {key: mark_safe(json.dumps(value)) for key, value in config.items()}  # noqa: S308 - our own URLs
    return render(request, "courses/sw.js", context, content_type="application/javascript; charset=utf-8")


@require_GET
def offline(request):
    """Shown by the service worker when a page was never opened on this phone and there is no signal."""
    return render(request, "courses/offline.html")


@require_GET
@cache_control(max_age=86400)
def manifest(request):
    """The web app manifest: "add to home screen" opens the site like an app."""
    data = {
        "name": "Bình dân học vụ số",
        "short_name": "Học vụ số",
        "description": "Bài học kỹ năng số miễn phí cho mọi người dân.",
        "lang": "vi",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b3d91",
        "icons": [
            {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("courses/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("courses/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("courses/icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
