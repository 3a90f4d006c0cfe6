"""The public page of an association in an edition, and the promotion templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from tandem.applications.domain import applying, promotion
from tandem.applications.forms import PromotionFileForm
from tandem.applications.models import PromotionFile
from tandem.core import clock
from tandem.core.views import EditionScopedMixin
from tandem.programs.models import Edition, EditionAssociation


@method_decorator(login_not_required, name="dispatch")
class AssociationPage(TemplateView):
    template_name = "applications/promotion/public.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, slug=kwargs["edition"])
        joined = get_object_or_404(
            EditionAssociation.objects.select_related("association"),
            edition=edition,
            association__country=kwargs["country"].upper(),
        )
        window = applying.application_window(edition)
        context.update(
            edition=edition,
            association=joined.association,
            window=window,
            is_open=applying.window_is_open(edition),
            is_over=window is not None and window[1] < clock.today(),
            milestones=edition.milestones.all(),
        )
        return context


class PromotionFiles(EditionScopedMixin, TemplateView):
    permission = "applications.download_promotion"
    template_name = "applications/promotion/list.html"

    def get_context_data(self, **kwargs):
        can_upload = self.request.user.has_perm(
            "applications.upload_promotion", self.edition
        )
        return super().get_context_data(
            files=self.edition.promotion_files.all(),
            can_upload=can_upload,
            form=kwargs.pop("form", None) or PromotionFileForm(),
            joined=self.edition.associations.all(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("applications.upload_promotion", self.edition):
            messages.error(request, "Only the international coordinator uploads them.")
            return redirect("applications:promotion", edition=self.edition.slug)
        form = PromotionFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        promotion.upload_promotion_file(
            self.edition,
            form.cleaned_data["title"],
            form.cleaned_data["file"],
            actor=request.user,
        )
        messages.success(request, "The file is shared with the national coordinators.")
        return redirect("applications:promotion", edition=self.edition.slug)


class PromotionDownload(EditionScopedMixin, TemplateView):
    permission = "applications.download_promotion"

    def get(self, request, *args, **kwargs):
        shared = get_object_or_404(PromotionFile, edition=self.edition, pk=kwargs["pk"])
        # Templates are small (the upload form caps them), so read them whole and
        # leave no file handle open behind the response.
        with shared.file.open("rb") as handle:
            data = handle.read()
        name = shared.file.name.rsplit("/", 1)[-1]
        response = HttpResponse(data, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
