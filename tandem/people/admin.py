from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tandem.people.models import Membership, Person


@admin.register(Person)
class PersonAdmin(UserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "is_staff", "is_active"]
    search_fields = ["full_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["full_name", "time_zone", "languages"]}),
        ("Work", {"fields": ["employer", "industry", "function"]}),
        (
            "Access",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups"]
    list_filter = ["is_staff", "is_active"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "association", "member_number", "state", "verified_at"]
    list_filter = ["association", "state"]
    search_fields = ["person__full_name", "person__email", "member_number"]
    raw_id_fields = ["person", "verified_by"]
