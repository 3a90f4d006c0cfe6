from django import forms

from tandem.applications.models import Role
from tandem.certificates.models import CertificateImage, EligibilityRule


class IssueForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=Role.choices)
    override_reason = forms.CharField(required=False, max_length=2000)


class BulkForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class RevokeForm(forms.Form):
    reason = forms.CharField(max_length=2000)


class TemplateForm(forms.Form):
    body = forms.CharField(label="Template (HTML)", widget=forms.Textarea)


class RuleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    needs_pair = forms.BooleanField(
        required=False, label=EligibilityRule._meta.get_field("needs_pair").verbose_name
    )
    needs_trainings = forms.BooleanField(
        required=False,
        label=EligibilityRule._meta.get_field("needs_trainings").verbose_name,
    )
    needs_final_survey = forms.BooleanField(
        required=False,
        label=EligibilityRule._meta.get_field("needs_final_survey").verbose_name,
    )


class ImageForm(forms.Form):
    kind = forms.ChoiceField(choices=CertificateImage.Kind.choices)
    label = forms.CharField(max_length=200)
    image = forms.FileField(help_text="PNG or JPEG, at most 1 MB.")
