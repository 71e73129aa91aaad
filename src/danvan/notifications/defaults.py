"""The default message templates (Django template syntax), Vietnamese and English. An administrator's
version (`MessageTemplate`, edited in the admin) replaces a default of the same key and language.

Every template receives `code` (tracking code), `kind` (kind of petition, lower case), `unit` (the body
handling it), `track_url`, `unsubscribe_url`; some also `reason`, `to_unit`, `due`, `answer`, `rate_url`.
A denunciation's messages never receive its content, reason or answer (only the code and the body)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Default:
    subject: str
    text: str
    sms: str


_FOOT_VI = (
    "Tra cứu hồ sơ: {{ track_url }}\n\n"
    "Đây là thư tự động của hệ thống Dân Vận, xin đừng trả lời thư này. "
    "Không muốn nhận thêm thông báo: {{ unsubscribe_url }}"
)
_FOOT_EN = (
    "Track your case: {{ track_url }}\n\n"
    "This is an automatic message from the Dân Vận platform; please do not reply. "
    "To stop these messages: {{ unsubscribe_url }}"
)

DEFAULTS: dict[str, dict[str, Default]] = {
    "petition_received": {
        "vi": Default(
            "Đã tiếp nhận {{ kind }} của bạn — mã hồ sơ {{ code }}",
            "Cơ quan đã tiếp nhận {{ kind }} của bạn.\n\nMã hồ sơ: {{ code }}\nĐơn vị giải quyết: {{ unit }}"
            "{% if due %}\nHạn xem xét, thụ lý: {{ due }}{% endif %}\n\n"
            "Hãy giữ mã hồ sơ và mã xác nhận ghi trên giấy biên nhận để tra cứu và đánh giá.\n\n" + _FOOT_VI,
            "Dan Van: da tiep nhan don, ma ho so {{ code }}. Tra cuu: {{ track_url }}",
        ),
        "en": Default(
            "Your {{ kind }} has been received — case {{ code }}",
            "Your {{ kind }} has been received.\n\nCase code: {{ code }}\nHandled by: {{ unit }}"
            "{% if due %}\nDecision on acceptance by: {{ due }}{% endif %}\n\n"
            "Keep the case code and the confirmation key of your receipt to track and rate it.\n\n"
            + _FOOT_EN,
            "Dan Van: case {{ code }} received. Track: {{ track_url }}",
        ),
    },
    "petition_accepted": {
        "vi": Default(
            "Hồ sơ {{ code }} đã được thụ lý",
            "{{ unit }} đã thụ lý {{ kind }} của bạn (mã hồ sơ {{ code }})."
            "{% if due %}\nHạn giải quyết: {{ due }}.{% endif %}\n\n" + _FOOT_VI,
            "Dan Van: ho so {{ code }} da duoc thu ly{% if due %}, han giai quyet {{ due }}{% endif %}.",
        ),
        "en": Default(
            "Case {{ code }} has been accepted",
            "{{ unit }} has accepted your {{ kind }} (case {{ code }})."
            "{% if due %}\nTo be resolved by: {{ due }}.{% endif %}\n\n" + _FOOT_EN,
            "Dan Van: case {{ code }} accepted{% if due %}, due {{ due }}{% endif %}.",
        ),
    },
    "petition_refused": {
        "vi": Default(
            "Hồ sơ {{ code }}: không thụ lý",
            "{{ unit }} không thụ lý {{ kind }} của bạn (mã hồ sơ {{ code }}).\n\n"
            "{% if reason %}Lý do: {{ reason }}{% else %}Lý do được ghi trong thông báo của cơ quan; "
            "xem trang tra cứu.{% endif %}\n\n" + _FOOT_VI,
            "Dan Van: ho so {{ code }} khong duoc thu ly. Xem ly do: {{ track_url }}",
        ),
        "en": Default(
            "Case {{ code }}: not accepted",
            "{{ unit }} did not accept your {{ kind }} (case {{ code }}).\n\n"
            "{% if reason %}Reason: {{ reason }}{% else %}The reason is given in the body's notice; "
            "see the tracking page.{% endif %}\n\n" + _FOOT_EN,
            "Dan Van: case {{ code }} not accepted. Reason: {{ track_url }}",
        ),
    },
    "petition_transferred": {
        "vi": Default(
            "Hồ sơ {{ code }} đã được chuyển đến {{ to_unit }}",
            "{{ kind|capfirst }} của bạn (mã hồ sơ {{ code }}) đã được chuyển đến {{ to_unit }}, "
            "cơ quan có thẩm quyền giải quyết.{% if reason %}\n\nLý do: {{ reason }}{% endif %}"
            "{% if due %}\nHạn xem xét, thụ lý tại cơ quan mới: {{ due }}.{% endif %}\n\n" + _FOOT_VI,
            "Dan Van: ho so {{ code }} da chuyen den {{ to_unit }}.",
        ),
        "en": Default(
            "Case {{ code }} has been transferred to {{ to_unit }}",
            "Your {{ kind }} (case {{ code }}) has been transferred to {{ to_unit }}, the competent body."
            "{% if reason %}\n\nReason: {{ reason }}{% endif %}"
            "{% if due %}\nDecision on acceptance there by: {{ due }}.{% endif %}\n\n" + _FOOT_EN,
            "Dan Van: case {{ code }} transferred to {{ to_unit }}.",
        ),
    },
    "petition_extended": {
        "vi": Default(
            "Hồ sơ {{ code }}: gia hạn giải quyết",
            "{{ unit }} đã gia hạn thời hạn giải quyết {{ kind }} của bạn (mã hồ sơ {{ code }})"
            "{% if due %} đến {{ due }}{% endif %}.{% if reason %}\n\nLý do: {{ reason }}{% endif %}\n\n"
            + _FOOT_VI,
            "Dan Van: ho so {{ code }} duoc gia han{% if due %} den {{ due }}{% endif %}.",
        ),
        "en": Default(
            "Case {{ code }}: time limit extended",
            "{{ unit }} has extended the time limit of your {{ kind }} (case {{ code }})"
            "{% if due %} to {{ due }}{% endif %}.{% if reason %}\n\nReason: {{ reason }}{% endif %}\n\n"
            + _FOOT_EN,
            "Dan Van: case {{ code }} extended{% if due %} to {{ due }}{% endif %}.",
        ),
    },
    "petition_resolved": {
        "vi": Default(
            "Hồ sơ {{ code }} đã có kết quả giải quyết",
            "{{ unit }} đã giải quyết {{ kind }} của bạn (mã hồ sơ {{ code }})."
            "{% if decision_ref %}\nVăn bản: {{ decision_ref }}{% endif %}\n\n"
            "{% if answer %}Nội dung trả lời:\n{{ answer }}{% else %}Xem nội dung trả lời tại trang tra cứu "
            "hoặc văn bản cơ quan gửi bạn.{% endif %}\n\n" + _FOOT_VI,
            "Dan Van: ho so {{ code }} da co ket qua giai quyet. Xem: {{ track_url }}",
        ),
        "en": Default(
            "Case {{ code }} has been answered",
            "{{ unit }} has resolved your {{ kind }} (case {{ code }})."
            "{% if decision_ref %}\nDecision: {{ decision_ref }}{% endif %}\n\n"
            "{% if answer %}Answer:\n{{ answer }}{% else %}See the answer on the tracking page or in the "
            "body's letter.{% endif %}\n\n" + _FOOT_EN,
            "Dan Van: case {{ code }} answered. See: {{ track_url }}",
        ),
    },
    "petition_closed": {
        "vi": Default(
            "Hồ sơ {{ code }} đã kết thúc — mời bạn đánh giá",
            "Hồ sơ {{ code }} đã kết thúc.\n\nMời bạn đánh giá việc giải quyết (từ 1 đến 5) tại {{ rate_url }} "
            "với mã hồ sơ và mã xác nhận (dạng XN-XXXX-XXXX) ghi trên giấy biên nhận.\n\n" + _FOOT_VI,
            "Dan Van: ho so {{ code }} da ket thuc. Danh gia: {{ rate_url }}",
        ),
        "en": Default(
            "Case {{ code }} is closed — please rate it",
            "Case {{ code }} is closed.\n\nPlease rate how it was handled (1 to 5) at {{ rate_url }} with the "
            "case code and the confirmation key (XN-XXXX-XXXX) of your receipt.\n\n" + _FOOT_EN,
            "Dan Van: case {{ code }} closed. Rate it: {{ rate_url }}",
        ),
    },
    "petition_withdrawn": {
        "vi": Default(
            "Hồ sơ {{ code }}: đã ghi nhận rút đơn",
            "{{ unit }} đã ghi nhận việc rút {{ kind }} (mã hồ sơ {{ code }}).\n\n" + _FOOT_VI,
            "Dan Van: ho so {{ code }} da rut.",
        ),
        "en": Default(
            "Case {{ code }}: withdrawal recorded",
            "{{ unit }} has recorded the withdrawal of your {{ kind }} (case {{ code }}).\n\n" + _FOOT_EN,
            "Dan Van: case {{ code }} withdrawn.",
        ),
    },
    # The two-way messages (#17 item 5): never the message, only where to read it (code + secret phrase).
    "petition_message": {
        "vi": Default(
            "Hồ sơ {{ code }}: bạn có tin nhắn mới",
            "{{ unit }} đã gửi bạn một tin nhắn về hồ sơ {{ code }}.\n\nHãy mở trang tra cứu, nhập mã hồ sơ, "
            "chọn “Trao đổi với cơ quan giải quyết” và nhập cụm từ bí mật ghi trên giấy biên nhận để đọc và "
            "trả lời.\n\n" + _FOOT_VI,
            "Dan Van: ho so {{ code }} co tin nhan moi. Mo trang tra cuu va nhap cum tu bi mat: {{ track_url }}",
        ),
        "en": Default(
            "Case {{ code }}: you have a new message",
            "{{ unit }} has sent you a message about case {{ code }}.\n\nOpen the tracking page, enter the "
            "case code, choose “Message the handling body” and enter the secret phrase of your receipt to read "
            "and answer it.\n\n" + _FOOT_EN,
            "Dan Van: case {{ code }} has a new message. Open the tracking page with your secret phrase: "
            "{{ track_url }}",
        ),
    },
}


def html_of(text: str) -> str:
    """The HTML version of a text template: paragraphs, line breaks, the links made clickable."""
    for name in ("track_url", "unsubscribe_url", "rate_url", "url"):
        variable = "{{ " + name + " }}"
        text = text.replace(variable, f'<a href="{variable}">{variable}</a>')
    text = text.replace("{{ answer }}", "{{ answer|linebreaksbr }}")
    paragraphs = [p.replace("\n", "<br>\n") for p in text.split("\n\n")]
    return (
        '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">\n'
        + "\n".join(f"<p>{p}</p>" for p in paragraphs)
        + "\n</body></html>"
    )


_OFFICER_FOOT = (
    "\n\nThư tự động của hệ thống Dân Vận. Ngừng nhận thư: {{ unsubscribe_url }} (hoặc đổi lựa chọn ở mục "
    "\u201cTùy chọn thông báo\u201d sau khi đăng nhập)"
)
_OFFICER_FOOT_EN = (
    "\n\nAutomatic message of the Dân Vận platform. To stop these messages: {{ unsubscribe_url }} (or change "
    "your choices under \u201cNotification settings\u201d once logged in)"
)

DEFAULTS.update(
    {
        "officer_digest": {
            "vi": Default(
                "Bản tin đơn thư ngày {{ day }}",
                "Chào {{ name }},\n\nĐơn quá hạn và đến hạn trong 3 ngày ở các đơn vị bạn theo dõi:"
                "{% for u in units %}\n\n{{ u.unit }}: {{ u.overdue|length }} quá hạn, {{ u.due_soon|length }} "
                "sắp đến hạn{% for p in u.overdue %}\n- QUÁ HẠN {{ p.code }} ({{ p.kind }}), hạn {{ p.due }}: {{ p.url }}"
                "{% endfor %}{% for p in u.due_soon %}\n- Sắp hạn {{ p.code }} ({{ p.kind }}), hạn {{ p.due }}: "
                "{{ p.url }}{% endfor %}{% endfor %}" + _OFFICER_FOOT,
                "",
            ),
            "en": Default(
                "Petitions digest of {{ day }}",
                "Hello {{ name }},\n\nOverdue petitions and petitions due within 3 days in your units:"
                "{% for u in units %}\n\n{{ u.unit }}: {{ u.overdue|length }} overdue, {{ u.due_soon|length }} "
                "due soon{% for p in u.overdue %}\n- OVERDUE {{ p.code }} ({{ p.kind }}), due {{ p.due }}: {{ p.url }}"
                "{% endfor %}{% for p in u.due_soon %}\n- Due soon {{ p.code }} ({{ p.kind }}), due {{ p.due }}: "
                "{{ p.url }}{% endfor %}{% endfor %}" + _OFFICER_FOOT_EN,
                "",
            ),
        },
        "officer_alert": {
            "vi": Default(
                "Đơn bạn thụ lý sắp đến hạn hoặc quá hạn ({{ petitions|length }})",
                "Chào {{ name }},\n\nCác đơn bạn thụ lý quá hạn hoặc đến hạn trong 3 ngày (ngày {{ day }}):"
                "{% for p in petitions %}\n- {{ p.code }} ({{ p.kind }}), hạn {{ p.due }}: {{ p.url }}{% endfor %}"
                + _OFFICER_FOOT,
                "",
            ),
            "en": Default(
                "Your petitions due soon or overdue ({{ petitions|length }})",
                "Hello {{ name }},\n\nThe petitions you handle that are overdue or due within 3 days ({{ day }}):"
                "{% for p in petitions %}\n- {{ p.code }} ({{ p.kind }}), due {{ p.due }}: {{ p.url }}{% endfor %}"
                + _OFFICER_FOOT_EN,
                "",
            ),
        },
        "head_weekly": {
            "vi": Default(
                "Tổng hợp đơn thư tuần {{ from }} – {{ to }}",
                "Chào {{ name }},\n\nTổng hợp tuần từ {{ from }} đến {{ to }}:{% for u in units %}\n\n{{ u.unit }}: "
                "{{ u.received }} đơn mới tiếp nhận; hiện {{ u.overdue }} đơn quá hạn, {{ u.soon }} đơn đến hạn "
                "trong 3 ngày.{% endfor %}" + _OFFICER_FOOT,
                "",
            ),
            "en": Default(
                "Weekly petitions summary {{ from }} – {{ to }}",
                "Hello {{ name }},\n\nThe week from {{ from }} to {{ to }}:{% for u in units %}\n\n{{ u.unit }}: "
                "{{ u.received }} petitions received; now {{ u.overdue }} overdue, {{ u.soon }} due within 3 "
                "days.{% endfor %}" + _OFFICER_FOOT_EN,
                "",
            ),
        },
    }
)

DEFAULTS.update(
    {
        # The rise detector (situation): a topic rose above its own baseline at a unit; once per rise.
        # Receives `name`, `topic`, `unit`, `week` (dd/mm/yyyy of its Monday), `count`, `baseline`, `url`.
        "situation_rise": {
            "vi": Default(
                "Cảnh báo sớm: {{ topic }} đang tăng tại {{ unit }}",
                "Chào {{ name }},\n\nTuần từ {{ week }}, {{ unit }} có {{ count }} tín hiệu về chủ đề "
                "\u201c{{ topic }}\u201d, trong khi mức nền là {{ baseline }} tín hiệu mỗi tuần.\n\n"
                "Xem các tín hiệu: {{ url }}" + _OFFICER_FOOT,
                "",
            ),
            "en": Default(
                "Early warning: {{ topic }} rising in {{ unit }}",
                "Hello {{ name }},\n\nIn the week from {{ week }}, {{ unit }} had {{ count }} signals about "
                "\u201c{{ topic }}\u201d, against a baseline of {{ baseline }} signals a week.\n\n"
                "See the signals: {{ url }}" + _OFFICER_FOOT_EN,
                "",
            ),
        },
    }
)
