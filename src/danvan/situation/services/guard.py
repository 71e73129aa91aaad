"""Free texts that could reveal a person (the petitions module's identity detection applies).

A hotspot's texts and a report's texts are refused, not silently redacted, when they hold a phone number,
an ID number, an e-mail address or a house number, or the declared identity of a linked petition's sender:
the officer rewrites them, and nothing is saved meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from danvan.core.workflow import Refused
from danvan.petitions import services as petitions


def check_free_text(
    text: str, *, field: str, identities: Iterable[Mapping[str, str]] = (), label: str = ""
) -> str:
    """`text` stripped, or `Refused` (on `field`) when it could reveal a person."""
    text = (text or "").strip()
    if not text:
        return text
    for identity in [{}, *identities]:
        if petitions.redact(text, identity) != text:
            raise Refused(
                _(
                    "%(label)s có thông tin có thể làm lộ danh tính một người (số điện thoại, số giấy tờ, "
                    "thư điện tử, số nhà hoặc tên người gửi đơn): hãy bỏ thông tin đó rồi lưu lại. "
                    "Người tố cáo phải được giữ bí mật (Luật Tố cáo 2018, Điều 47)."
                )
                % {"label": label or _("Nội dung")},
                field=field,
            )
    return text
