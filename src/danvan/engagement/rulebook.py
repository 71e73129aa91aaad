"""Tiếp công dân và đối thoại: who may perform each action (see `danvan.accounts.rulebook`).

Reception days, dialogues and commitments are the work of the unit that holds them: its officers and
head, or those of a unit above it (a province officer helping a commune), and the national
administrator. A supervisor reads but does not act. Seeing a citizen's identity is decided apart
(`services.receptions.can_view_identities`: the unit head or the officer in charge, audited).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.accounts.rulebook import ACT, Rule, Rulebook

RULEBOOK = Rulebook(
    "engagement",
    _("Tiếp công dân và đối thoại"),
    [
        Rule("save_schedule", _("Lập, sửa lịch tiếp công dân định kỳ"), roles=ACT),
        Rule("record_reception", _("Ghi nhận buổi tiếp công dân"), roles=ACT),
        Rule("add_citizen", _("Thêm công dân được tiếp"), roles=ACT),
        Rule("add_matter", _("Ghi vụ việc tại buổi tiếp"), roles=ACT),
        Rule("matter_to_petition", _("Chuyển vụ việc thành đơn thư"), roles=ACT),
        Rule("create_dialogue", _("Lập kế hoạch hội nghị đối thoại"), roles=ACT),
        Rule("edit", _("Sửa thông tin, dời lịch hội nghị"), roles=ACT),
        Rule("announce", _("Thông báo hội nghị đối thoại"), roles=ACT),
        Rule("hold", _("Ghi nhận đã tổ chức hội nghị"), roles=ACT),
        Rule("publish", _("Công khai kết quả đối thoại"), roles=ACT),
        Rule("cancel", _("Hủy hội nghị đối thoại"), roles=ACT),
        Rule("add_question", _("Ghi câu hỏi nêu tại hội nghị"), roles=ACT),
        Rule("answer", _("Ghi trả lời câu hỏi"), roles=ACT),
        Rule("question_to_petition", _("Chuyển câu hỏi thành đơn thư"), roles=ACT),
        Rule("commit", _("Ghi cam kết"), roles=ACT),
        Rule("start", _("Bắt đầu thực hiện cam kết"), roles=ACT),
        Rule("complete", _("Ghi cam kết đã thực hiện"), roles=ACT),
        Rule("explain", _("Giải trình cam kết không thực hiện được"), roles=ACT),
    ],
)
