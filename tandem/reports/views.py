"""The edition report: a page with charts, a printable PDF, spreadsheets."""

from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from tandem.core.views import EditionScopedMixin
from tandem.reports.domain import report, tables


class ReportMixin(EditionScopedMixin):
    permission = "reports.view"

    @cached_property
    def associations(self):
        return list(report.associations_in_scope(self.request.user, self.edition))


class EditionReport(ReportMixin, TemplateView):
    template_name = "reports/edition/show.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            associations=self.associations,
            across=report.build_across(self.edition, self.associations),
            **report.build(self.edition, self.associations),
        )
        return context


class EditionReportPdf(ReportMixin, View):
    def get(self, request, *args, **kwargs):
        data = report.pdf(self.edition, self.associations, actor=request.user)
        response = HttpResponse(data, content_type="application/pdf")
        name = f"report-{self.edition.slug}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ReportExport(ReportMixin, View):
    permission = "reports.export"

    def get(self, request, *args, **kwargs):
        key, fmt = kwargs["table"], kwargs["fmt"]
        if key not in tables.ALL_TABLES or fmt not in report.FORMATS:
            raise Http404("No such table or format.")
        data = report.export(
            self.edition, self.associations, key, fmt, actor=request.user
        )
        response = HttpResponse(data, content_type=report.FORMATS[fmt])
        name = f"{key}-{self.edition.slug}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
