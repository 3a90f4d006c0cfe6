from django.contrib import admin

from tandem.programs.models import (
    Association,
    Edition,
    EditionAssociation,
    JoinRequest,
    Milestone,
    RoleGrant,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class EditionAssociationInline(admin.TabularInline):
    model = EditionAssociation
    extra = 0


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [EditionAssociationInline, MilestoneInline]


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    search_fields = ["name", "country"]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "association", "edition", "granted_at"]
    list_filter = ["edition", "role", "association"]
    raw_id_fields = ["person", "granted_by"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["association_name", "country", "edition", "state", "submitted_at"]
    list_filter = ["edition", "state"]
