"""Form fields every app's upload pages share."""

from django import forms


class NamedFileField(forms.FileField):
    """A file field whose refusal of an empty file names the file.

    Django's own message ("The submitted file is empty.") leaves a coordinator who
    uploaded several exports guessing which one it was.
    """

    def to_python(self, data):
        if data and getattr(data, "size", None) == 0 and not self.allow_empty_file:
            raise forms.ValidationError(
                f"{data.name}: the file is empty.", code="empty"
            )
        return super().to_python(data)
