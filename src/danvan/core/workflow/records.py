"""The abstract transition record every module's history model extends."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock


class TransitionRecord(models.Model):
    """One move or edit of a workflow: who, when, which action, from which state to which, why.

    A module's history model adds the foreign key to its record and any column of its own:

        class PetitionHistory(TransitionRecord):
            petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="history")
            is_public = models.BooleanField(default=True)
    """

    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    action = models.CharField(_("thao tác"), max_length=40)
    from_state = models.CharField(_("từ trạng thái"), max_length=20, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=20, blank=True)
    reason = models.TextField(_("lý do, ghi chú"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{clock.format_datetime(self.at)} {self.action}"
