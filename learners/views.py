import json

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learners.forms import JoinForm, LearnerDetailsForm
from learners.identity import forget_learner, learner_required, remember_learner
from learners.selectors import learner_data_export
from learners.services import learner_delete, learner_join, learner_update


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


@require_http_methods(["GET", "POST"])
def join(request):
    """Join on a phone: choose the place step by step (plain POSTs, or htmx on each change), then agree to
    the privacy notice."""
    next_url = _safe_next(request)
    if request.learner and request.method == "GET":
        return render(request, "learners/already_joined.html", {"next": next_url})

    form = JoinForm(request.POST if request.method == "POST" else None)
    if _is_final(request) and form.is_valid():
        learner = learner_join(
            village=form.cleaned_data["village"],
            display_name=form.cleaned_data["display_name"],
            birth_year=form.cleaned_data["birth_year"],
        )
        messages.success(request, _("Welcome! You have joined from %(village)s.") % {"village": learner.village})
        response = redirect(next_url or "/")
        remember_learner(response, learner)
        return response
    return _render_place_form(request, "learners/join.html", form, next=next_url)


@require_http_methods(["GET", "POST"])
@learner_required
def my_data_edit(request):
    """Correct the village, name or year of birth, with the same step-by-step place choice as joining."""
    form = LearnerDetailsForm(request.POST if request.method == "POST" else LearnerDetailsForm.data_of(request.learner))
    if _is_final(request) and form.is_valid():
        learner_update(
            learner=request.learner,
            village=form.cleaned_data["village"],
            display_name=form.cleaned_data["display_name"],
            birth_year=form.cleaned_data["birth_year"],
        )
        messages.success(request, _("Your details have been updated."))
        return redirect("learners:my_data")
    return _render_place_form(request, "learners/edit.html", form)


def _is_final(request) -> bool:
    """A POST whose `step` is "place" only moves the place choice forward; any other POST is the real one."""
    return request.method == "POST" and request.POST.get("step") != "place"


def _render_place_form(request, template: str, form, **context):
    final = _is_final(request)
    context.update(form=form, show_errors=final)
    if request.htmx and not final:
        return render(request, "learners/_place_fields.html", context)
    return render(request, template, context, status=400 if final else 200)


def privacy_notice(request):
    return render(request, "learners/privacy.html", {"settings_contact": settings.PRIVACY_CONTACT})


@learner_required
def my_data(request):
    return render(request, "learners/my_data.html", {"data": learner_data_export(request.learner)})


@learner_required
def my_data_download(request):
    body = json.dumps(learner_data_export(request.learner), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="du-lieu-cua-toi.json"'
    return response


@require_http_methods(["GET", "POST"])
@learner_required
def my_data_delete(request):
    if request.method == "GET":
        return render(request, "learners/delete_confirm.html")
    learner_delete(learner=request.learner)
    messages.success(request, _("Your data has been deleted from the system."))
    response = redirect("/")
    forget_learner(response)
    return response


@require_POST
def leave_this_phone(request):
    """Forget the learner on this phone only (a shared family phone), keeping their data."""
    messages.success(request, _("This phone no longer remembers you. Your data is kept."))
    response = redirect("/")
    forget_learner(response)
    return response
