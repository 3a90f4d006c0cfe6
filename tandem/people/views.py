from django.contrib import messages
from django.urls import reverse_lazy
from django.views.generic import UpdateView

from tandem.people.forms import ProfileForm


class ProfileUpdate(UpdateView):
    """Everyone edits their own profile and nobody else's: there is no id in the URL."""

    form_class = ProfileForm
    template_name = "people/profile/edit.html"
    success_url = reverse_lazy("people:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, "Your profile is saved.")
        return super().form_valid(form)
