"""Forms of answer templates and group answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.petitions.answer_models import AnswerTemplate
from danvan.petitions.forms import ResolveForm


class TemplatePickForm(forms.Form):
    answer_template: forms.ModelChoiceField[AnswerTemplate] = forms.ModelChoiceField(
        label=_("Mẫu trả lời"),
        queryset=AnswerTemplate.objects.none(),
        empty_label=_("— Chọn mẫu —"),
        error_messages={
            "required": _("Hãy chọn một mẫu trả lời."),
            "invalid_choice": _("Không tìm thấy mẫu trả lời này cho đơn: hãy chọn mẫu trong danh sách."),
        },
    )

    def __init__(self, *args: Any, petition: Any, **kwargs: Any) -> None:
        from danvan.petitions.services.answers import templates_for

        super().__init__(*args, **kwargs)
        field = self.fields["answer_template"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = templates_for(petition)


class GroupAnswerForm(ResolveForm):
    """The answer form without the version (each member carries its own) and with the text's placeholders
    filled per petition."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
