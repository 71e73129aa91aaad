"""Dân chủ ở cơ sở: who may perform each action (see `danvan.accounts.rulebook`).

Registering villages and households, disclosing and closing a disclosure are the commune's work:
officers and heads of the commune, or of a unit above it (a province officer helping a commune),
and the national administrator. Publishing the commune's answer to a consultation (tiếp thu, giải
trình), recognising a community decision and a village convention are the head's.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.accounts.rulebook import ACT, HEADS, Rule, Rulebook

RULEBOOK = Rulebook(
    "democracy",
    _("Dân chủ ở cơ sở"),
    [
        Rule("register", _("Đăng ký thôn, hộ gia đình"), roles=ACT),
        Rule("create_disclosure", _("Lập hồ sơ công khai"), roles=ACT),
        Rule("publish", _("Công khai"), roles=ACT),
        Rule("attach", _("Bổ sung tệp minh chứng"), roles=ACT),
        Rule("end", _("Kết thúc công khai"), roles=ACT),
        Rule("create_consultation", _("Lập dự thảo lấy ý kiến"), roles=ACT),
        Rule("open", _("Bắt đầu lấy ý kiến"), roles=ACT),
        Rule("record_comment", _("Nhập ý kiến từ hội nghị, hòm thư góp ý"), roles=ACT),
        Rule("respond", _("Tiếp thu, giải trình ý kiến"), roles=ACT),
        Rule("close", _("Kết thúc lấy ý kiến"), roles=ACT),
        Rule("publish_answer", _("Công bố báo cáo tiếp thu, giải trình"), roles=HEADS),
        Rule("create_decision", _("Chuẩn bị việc bàn và quyết định"), roles=ACT),
        Rule("record_result", _("Ghi biên bản, kết quả biểu quyết"), roles=ACT),
        Rule("send", _("Gửi kết quả lên UBND xã"), roles=ACT),
        Rule("recognise", _("Công nhận kết quả"), roles=HEADS),
        Rule("record_contribution", _("Ghi sổ đóng góp của hộ"), roles=ACT),
        Rule("create_convention", _("Soạn dự thảo hương ước, quy ước"), roles=ACT),
        Rule("post", _("Niêm yết dự thảo hương ước"), roles=ACT),
        Rule("adopt", _("Ghi nhận cộng đồng thông qua hương ước"), roles=ACT),
        Rule("recognise_convention", _("Công nhận hương ước, quy ước"), roles=HEADS),
        Rule("elect_board", _("Ghi kết quả bầu ban kiểm tra, giám sát"), roles=ACT),
        Rule("create_recommendation", _("Ghi kiến nghị của ban"), roles=ACT),
        Rule("confirm", _("Ghi xác nhận của MTTQ xã"), roles=ACT),
        Rule("send_recommendation", _("Gửi kiến nghị đến cơ quan có thẩm quyền"), roles=ACT),
        Rule("record_reply", _("Ghi trả lời kiến nghị"), roles=ACT),
        Rule("register_workplace", _("Đăng ký cơ quan, đơn vị, doanh nghiệp"), roles=ACT),
        Rule("plan_meeting", _("Lên kế hoạch hội nghị, đối thoại tại nơi làm việc"), roles=ACT),
        Rule("hold_meeting", _("Ghi kết quả hội nghị, đối thoại"), roles=ACT),
        Rule("cancel_meeting", _("Hủy hội nghị, đối thoại"), roles=ACT),
    ],
)
