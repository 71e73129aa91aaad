"""Placeholders of answer templates and letter templates: `{ma_don}`, `{ngay_nhan}`, ... filled from a
petition on the server.

`values_for(petition, actor)` gives each placeholder's value for `actor`; `fill(text, values)` replaces
them and refuses, with a Vietnamese message, a placeholder it does not know, a value the petition does not
have yet (strict mode) and an empty result. The sender's name (`{ten_nguoi_gui}`) is filled only for a
petition whose identity is not protected and only for someone allowed to see it: a denunciation (or a
matter from a reception or a dialogue, whose identity is kept encrypted) always reads "người tố cáo" /
"người gửi đơn", never a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.petitions.placeholder_names import (
    _TOKEN as _TOKEN,
)
from danvan.petitions.placeholder_names import (
    PLACEHOLDERS as PLACEHOLDERS,
)
from danvan.petitions.placeholder_names import (
    names_in as names_in,
)
from danvan.petitions.placeholder_names import (
    unknown_message as unknown_message,
)
from danvan.petitions.placeholder_names import (
    unknown_names as unknown_names,
)
from danvan.territory import naming


def values_for(petition: Any, actor: Any = None) -> dict[str, str]:
    """Each placeholder's value for `petition` as `actor` may read it ("" when the petition has none yet)."""
    from danvan.petitions.services.confidentiality import can_see_identity

    if petition.is_confidential:
        sender = _("người tố cáo")
    elif petition.identity_protected or not petition.petitioner_name:
        sender = _("người gửi đơn")
    elif actor is None or can_see_identity(actor, petition):
        sender = petition.petitioner_name
    else:
        sender = _("người gửi đơn")
    return {
        "ma_don": petition.tracking_code,
        "ngay_nhan": clock.format_date(petition.received_at) if petition.received_at else "",
        "ten_nguoi_gui": sender,
        "don_vi": naming.competent_body(petition.unit, petition.kind),
        "linh_vuc": petition.field.name if petition.field_id else "",
        "han_giai_quyet": clock.format_date(petition.resolve_due) if petition.resolve_due else "",
        "loai_don": str(petition.get_kind_display()).lower(),
        "ngay_tra_loi": clock.format_date(clock.today()),
    }


_MISSING = {
    "linh_vuc": gettext_lazy("đơn chưa được xác định lĩnh vực"),
    "han_giai_quyet": gettext_lazy("đơn chưa có hạn giải quyết (chưa thụ lý)"),
}


def fill(
    text: str,
    values: Mapping[str, str],
    *,
    strict: bool = True,
    code: str = "",
    field: str = "answer",
    missing: str = "…",
    known: Mapping[str, Any] | None = None,
) -> str:
    """`text` with its placeholders replaced by `values`.

    Refuses (`Refused` on `field`) an unknown placeholder and an empty result; in strict mode also a
    placeholder whose value is empty (the answer would say nothing there), naming the petition `code`;
    otherwise such a placeholder becomes `missing`."""
    unknown = unknown_names(text, known)
    if unknown:
        raise Refused(unknown_message(unknown, known), field=field)
    for name in names_in(text):
        if not values.get(name) and strict:
            why = _MISSING.get(name, gettext_lazy("đơn chưa có thông tin này"))
            raise Refused(
                _(
                    "Không điền được {%(name)s} cho đơn %(code)s: %(why)s. Hãy sửa nội dung hoặc chọn mẫu khác."
                )
                % {"name": name, "code": code or "…", "why": why},
                field=field,
            )
    result = _TOKEN.sub(lambda m: values.get(m.group(1)) or missing, text)
    if not result.strip():
        raise Refused(_("Mẫu không cho ra nội dung nào: hãy nhập nội dung trả lời."), field=field)
    return result


def fill_for(
    petition: Any, text: str, actor: Any = None, *, strict: bool = True, field: str = "answer"
) -> str:
    return fill(text, values_for(petition, actor), strict=strict, code=petition.tracking_code, field=field)
