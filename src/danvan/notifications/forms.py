"""The officer's notification preferences form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from danvan.notifications.models import OfficerPreference


class PreferenceForm(forms.ModelForm[OfficerPreference]):
    language = forms.ChoiceField(label=_("Ngôn ngữ của thư"), choices=settings.LANGUAGES)

    class Meta:
        model = OfficerPreference
        fields = ("daily_digest", "due_alerts", "weekly_summary", "rise_alerts", "language")
