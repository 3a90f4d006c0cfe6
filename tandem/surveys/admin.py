"""Admin pages of surveys.

Responses, answers, markers, invitations and pulse answers are read-only: they are
what people said and when. A survey's questions stop being editable here once it
has responses, as on the coordinator's pages; the admin writes no audit row, so
the coordinator's pages are the place for ordinary changes.
"""

from django.contrib import admin

from tandem.surveys.models import (
    Answer,
    Invitation,
    PulseAnswer,
    PulseCheck,
    PulseRule,
    Question,
    Response,
    ResponseMarker,
    Survey,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _answered(survey):
    return survey is not None and Response.objects.filter(survey=survey).exists()


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = [
        "position",
        "text",
        "kind",
        "choices",
        "required",
        "per_pair",
        "non_anonymous",
    ]

    def has_add_permission(self, request, obj=None):
        return not _answered(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _answered(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _answered(obj) and super().has_delete_permission(request, obj)


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "kind", "audience", "anonymous"]
    list_filter = ["edition", "kind", "audience"]
    inlines = [QuestionInline]

    def has_delete_permission(self, request, obj=None):
        return not _answered(obj) and super().has_delete_permission(request, obj)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "kind", "position", "required"]
    list_filter = ["survey__edition", "kind"]

    def has_change_permission(self, request, obj=None):
        answered = obj is not None and _answered(obj.survey)
        return not answered and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        answered = obj is not None and _answered(obj.survey)
        return not answered and super().has_delete_permission(request, obj)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "number", "choices", "text"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["id", "survey", "association", "role", "submitted_on"]
    list_filter = ["survey__edition", "survey"]
    inlines = [AnswerInline]


@admin.register(ResponseMarker)
class ResponseMarkerAdmin(ReadOnlyAdmin):
    list_display = ["survey", "person", "answered_on"]
    list_filter = ["survey__edition", "survey"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["survey", "person", "kind", "sent_on"]
    list_filter = ["survey__edition", "kind"]


@admin.register(PulseRule)
class PulseRuleAdmin(admin.ModelAdmin):
    list_display = ["edition", "first_after_days", "every_days", "low_at_most"]


@admin.register(PulseCheck)
class PulseCheckAdmin(ReadOnlyAdmin):
    list_display = ["pair", "number", "due_on", "case"]


@admin.register(PulseAnswer)
class PulseAnswerAdmin(ReadOnlyAdmin):
    list_display = ["pulse", "person", "going", "useful", "answered_at"]
