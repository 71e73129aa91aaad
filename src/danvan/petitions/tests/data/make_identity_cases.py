"""Writes identity_cases.jsonl: the project's labelled set of denunciation texts with planted identities.

The scenarios below were written by the project (no real person); each is filled with a declared identity
and with the identity planted in varied forms (without diacritics, upper case, other spacing, the name
without the family name, a form of address and the given name, initials, phones with separators or +84,
9- and 12-digit ID numbers, e-mails, address fragments, relatives' names). Every planted string is
labelled; everything else (the accused, amounts, dates, parcel numbers, the commune) must stay.
Run: python make_identity_cases.py > identity_cases.jsonl (seeded: the same file every time).
"""

# ruff: noqa: B023 - `fill` is called at once inside the loop, with that iteration's values
from __future__ import annotations

import json
import random
import unicodedata

PEOPLE = [
    ("Nguyễn Thị Xuân", "Số 9 ngõ 14 phố Hàng Bè, phường Hoàn Kiếm, Hà Nội"),
    ("Trần Văn Bình", "Thôn Đông Xuyên, xã Tiên Lữ, tỉnh Hưng Yên"),
    ("Lê Thị Hồng Nhung", "Tổ 5 khu phố Tân Lập, phường Dĩ An, TP Hồ Chí Minh"),
    ("Phạm Quốc Khánh", "Số nhà 27 đường Lê Lợi, phường Đông Kinh, tỉnh Lạng Sơn"),
    ("Hoàng Văn Thụ", "Bản Nà Lừa, xã Chi Lăng, tỉnh Lạng Sơn"),
    ("Vũ Thị Mai Anh", "Xóm Chùa, thôn Phú Mỹ, xã Đông Hưng, tỉnh Hưng Yên"),
    ("Đặng Hữu Phước", "Ấp Bình Thạnh, xã Tân Thành, tỉnh Cà Mau"),
    ("Bùi Thị Thu Trang", "Số 112 hẻm 34 đường Trần Hưng Đạo, phường An Hội, TP Cần Thơ"),
    ("Đỗ Minh Tuấn", "Tổ dân phố Hòa Bình, phường Lào Cai, tỉnh Lào Cai"),
    ("Ngô Thị Lan", "Thôn Yên Thái, xã Đồng Tiến, tỉnh Bắc Ninh"),
    ("Dương Văn Sáng", "Khu Đồng Mới, xã Kim Sơn, tỉnh Ninh Bình"),
    ("Lý Thị Kim Oanh", "Số 5 kiệt 22 đường Hùng Vương, phường Thuận Hóa, TP Huế"),
]
RELATIVES = ["Trần Thị Mai", "Lê Minh Khoa", "Nguyễn Văn Hùng", "Phạm Thị Hoa", "Đinh Văn Lực", "Võ Thị Sen"]
ACCUSED = [
    ("Ông Lê Văn Tham, công chức địa chính xã", "Lê Văn Tham"),
    ("Bà Trịnh Thị Gấm, kế toán Ủy ban nhân dân xã", "Trịnh Thị Gấm"),
    ("Ông Mạc Đình Chi, trưởng thôn", "Mạc Đình Chi"),
    ("Ông Tạ Quang Bửu, cán bộ tư pháp", "Tạ Quang Bửu"),
    ("Bà Châu Ngọc Diệp, cán bộ thuế", "Châu Ngọc Diệp"),
]

# {N} the denunciator's name in some form, {P} phone, {I} ID number, {E} e-mail, {A} address fragment,
# {R} a relative's name, {X} the accused's name (must stay), {G} the given name after a form of address.
SCENARIOS = [
    dict(
        title="Tố cáo {X} nhận tiền khi làm sổ đỏ",
        content="Tôi là {N}, số CCCD {I}, trú tại {A}. Tôi tố cáo {X} đã nhận của gia đình tôi "
        "150.000.000 đồng để làm sổ đỏ thửa số 215 tờ bản đồ số 8. Liên hệ {P}.",
        act="Nhận tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất",
    ),
    dict(
        title="{N} tố cáo cán bộ địa chính",
        content="Kính gửi Ủy ban. Ngày 12/03/2025 {X} đến nhà tôi ở {A} yêu cầu nộp thêm 20 triệu. "
        "Vợ tôi là {R} chứng kiến. Số điện thoại của tôi: {P}.",
        act="Vòi tiền của người dân",
    ),
    dict(
        title="Đơn tố cáo hành vi lạm quyền",
        content="Người làm đơn: {N}. CMND số {I}. Email {E}. Tôi phản ánh {X} lập biên bản sai sự thật "
        "đối với hộ gia đình tôi.",
        act="Lập biên bản sai sự thật",
    ),
    dict(
        title="TỐ CÁO SAI PHẠM CỦA {X}",
        content="Tôi ({N}) xin tố cáo: {X} thu tiền đóng góp xây dựng nhà văn hóa 2.000.000 đ/hộ nhưng "
        "không công khai. Mọi thông tin xin gọi {P} hoặc gửi thư về {E}.",
        act="Thu tiền đóng góp không công khai",
    ),
    dict(
        title="Tố cáo việc chiếm dụng đất công",
        content="Tôi là người dân sống tại {A}, tên {N}. {X} đã cho người san lấp đất công để làm nhà "
        "riêng. Con trai tôi {R} đã chụp ảnh. Điện thoại: {P}.",
        act="Chiếm dụng đất công",
    ),
    dict(
        title="Tố cáo trưởng thôn {X}",
        content="Tôi là {N}, sinh năm 1968, căn cước công dân {I}. Trưởng thôn {X} xác nhận sai hộ nghèo "
        "cho người nhà. Nhiều hộ ở {A} đều biết.",
        act="Xác nhận sai hộ nghèo",
    ),
    dict(
        title="Đơn tố cáo của {N}",
        content="Tôi tố cáo {X} nhận quà biếu để bỏ qua vi phạm xây dựng. Tôi ở {A}. Nếu cần xác minh "
        "hãy gặp {G} tại nhà hoặc gọi {P}.",
        act="Nhận quà để bỏ qua vi phạm",
    ),
    dict(
        title="Tố cáo làm giả hồ sơ hỗ trợ",
        content="Kính gửi đồng chí Chủ tịch. Tôi tên là {N} (điện thoại {P}, thư điện tử {E}). "
        "{X} làm giả chữ ký của 14 hộ để nhận tiền hỗ trợ lũ lụt năm 2024.",
        act="Làm giả hồ sơ nhận tiền hỗ trợ",
    ),
    dict(
        title="Phản ánh và tố cáo {X}",
        content="Ngày 05/06/2025 tại trụ sở xã, {X} đã xúc phạm tôi. Tôi là {N}, CCCD {I}. "
        "Người đi cùng tôi hôm đó là {R}.",
        act="Xúc phạm người dân khi làm thủ tục",
    ),
    dict(
        title="Tố cáo thu phí sai quy định",
        content="{N} ở {A} tố cáo {X} thu phí chứng thực 50.000 đồng một trang, cao hơn quy định. SĐT: {P}.",
        act="Thu phí chứng thực sai quy định",
    ),
    dict(
        title="Tố cáo tham ô tiền đóng góp",
        content="Chúng tôi, đại diện là {N} ({P}), tố cáo {X} chiếm đoạt 85.500.000 đồng tiền đóng góp "
        "làm đường của nhân dân. Địa chỉ liên hệ: {A}.",
        act="Chiếm đoạt tiền đóng góp của nhân dân",
    ),
    dict(
        title="Đơn tố cáo (gửi kèm bản sao CMND)",
        content="Tôi gửi kèm bản sao chứng minh nhân dân số {I}. Tôi là {N}. {X} cấp phép xây dựng "
        "trái quy định cho công ty của người nhà. Liên hệ qua {E}.",
        act="Cấp phép xây dựng trái quy định",
    ),
    dict(
        title="Tố cáo cán bộ thuế {X}",
        content="Gia đình {G} ở {A} bị {X} ép nộp thuế khoán cao bất thường. Tôi là {N}, điện thoại {P}.",
        act="Ép nộp thuế sai quy định",
    ),
    dict(
        title="Tố cáo việc chia đất sai",
        content="Tôi, {N}, tố cáo việc {X} chia đất dịch vụ sai đối tượng. Mẹ tôi là {R} đã 80 tuổi "
        "nhưng không được chia. Nhà tôi ở {A}.",
        act="Chia đất dịch vụ sai đối tượng",
    ),
    dict(
        title="Đề nghị xác minh và xử lý {X}",
        content="Ông/bà {N}, số định danh cá nhân {I}, email {E}. Nội dung: {X} sử dụng xe công "
        "vào việc riêng trong nhiều tháng.",
        act="Sử dụng tài sản công vào việc riêng",
    ),
    dict(
        title="Tố cáo bao che vi phạm",
        content="Tôi đã nhiều lần báo {X} về việc khai thác cát trái phép gần {A} nhưng không được xử lý. "
        "Người báo: {N}, SĐT {P}, CCCD {I}.",
        act="Bao che khai thác cát trái phép",
    ),
    dict(
        title="{N} - đơn tố cáo",
        content="Kính gửi Ban tiếp công dân. {X} nhận 30 triệu đồng của nhiều hộ để xin việc. "
        "Chồng tôi {R} là người trực tiếp đưa tiền. Liên hệ {P}.",
        act="Nhận tiền để xin việc",
    ),
    dict(
        title="Tố cáo gian lận bình xét thi đua",
        content="Tôi tố cáo {X} gian lận bình xét. Thông tin người tố cáo: họ tên {N}; địa chỉ {A}; "
        "điện thoại {P}; thư điện tử {E}.",
        act="Gian lận trong bình xét thi đua",
    ),
    dict(
        title="Tố cáo đòi tiền khi đăng ký khai sinh",
        content="Khi tôi ({G}) đi đăng ký khai sinh cho con, {X} đòi 500.000 đồng. Tôi tên đầy đủ là {N}, "
        "CMND {I}.",
        act="Đòi tiền khi đăng ký khai sinh",
    ),
    dict(
        title="Tố cáo lập hồ sơ khống",
        content="{X} lập hồ sơ khống để nhận tiền chính sách cho 7 người đã mất. Người biết rõ việc này "
        "là tôi, {N}, và em gái tôi {R}. Gọi {P} để gặp.",
        act="Lập hồ sơ khống nhận tiền chính sách",
    ),
    dict(
        title="Tố cáo xây dựng trái phép được làm ngơ",
        content="Nhà tôi ở {A}, ngay cạnh công trình. {X} nhận tiền rồi làm ngơ. Tôi là {N} ({E}).",
        act="Nhận tiền để làm ngơ công trình trái phép",
    ),
]


def strip(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def name_forms(name: str) -> list[str]:
    parts = name.split()
    return [
        name,
        strip(name),
        strip(name).upper(),
        name.upper(),
        name.lower(),
        " ".join(parts[1:]),
        "".join(parts),
        strip("".join(parts)),
        "  ".join(parts),
        ".".join(p[0] for p in strip(name).upper().split()) + ".",
    ]


def phone_forms(rng: random.Random) -> tuple[str, list[str]]:
    digits = "09" + "".join(rng.choice("0123456789") for _ in range(8))
    d = digits
    return d, [
        d,
        f"{d[:4]}.{d[4:7]}.{d[7:]}",
        f"{d[:4]} {d[4:7]} {d[7:]}",
        f"+84 {d[1:4]} {d[4:7]} {d[7:]}",
        f"+84{d[1:]}",
        f"84-{d[1:4]}-{d[4:7]}-{d[7:]}",
        f"{d[:3]}-{d[3:6]}-{d[6:]}",
    ]


def id_forms(rng: random.Random) -> tuple[str, list[str]]:
    if rng.random() < 0.6:
        d = (
            "0"
            + rng.choice(["01", "20", "38", "79", "96"])
            + "".join(rng.choice("0123456789") for _ in range(9))
        )
        return d, [d, f"{d[:4]} {d[4:8]} {d[8:]}", f"{d[:3]}.{d[3:6]}.{d[6:9]}.{d[9:]}", f"{d[:6]} {d[6:]}"]
    d = "".join(rng.choice("123456789") for _ in range(9))
    return d, [d, f"{d[:3]} {d[3:6]} {d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}"]


def address_fragment(address: str) -> str:
    return address.split(",")[0].strip()


def main() -> None:
    rng = random.Random(20261202)
    cases = []
    for round_ in range(3):
        for s_index, scenario in enumerate(SCENARIOS):
            name, address = PEOPLE[(s_index + round_ * 5) % len(PEOPLE)]
            phone, phones = phone_forms(rng)
            id_number, ids = id_forms(rng)
            slug = strip(name).lower().replace(" ", ".")
            email = f"{slug}{rng.randint(50, 99)}@gmail.com"
            other_email = f"{strip(name.split()[-1]).lower()}.{rng.randint(100, 999)}@yahoo.com.vn"
            accused_field, accused_name = ACCUSED[(s_index + round_) % len(ACCUSED)]
            relative = RELATIVES[(s_index + round_) % len(RELATIVES)]
            given = name.split()[-1]
            declared_email = rng.random() < 0.7
            labels: dict[str, list[str]] = {"title": [], "content": []}

            def fill(template: str, field: str) -> str:
                out = template
                for key in ("N", "P", "I", "E", "A", "R", "G"):
                    while "{" + key + "}" in out:
                        if key == "N":
                            value = rng.choice(name_forms(name))
                        elif key == "P":
                            value = rng.choice(phones)
                        elif key == "I":
                            value = rng.choice(ids)
                        elif key == "E":
                            value = email if declared_email else other_email
                        elif key == "A":
                            value = (
                                address_fragment(address)
                                if rng.random() < 0.7
                                else strip(address_fragment(address))
                            )
                        elif key == "R":
                            value = relative
                        else:
                            value = rng.choice(["chị ", "anh ", "ông ", "bà ", "cô "]) + given
                        out = out.replace("{" + key + "}", value, 1)
                        labels[field].append(value)
                return out.replace("{X}", accused_name)

            title = fill(scenario["title"], "title")
            content = fill(scenario["content"], "content")
            fields = {"title": title, "content": content, "accused": "", "accused_act": scenario["act"]}
            if s_index % 4 == 0:  # a collective denunciation: the representatives are identities too
                second = RELATIVES[(s_index + round_ + 3) % len(RELATIVES)]
                fields["representatives"] = f"{name} (0{rng.randint(100000000, 999999999)}), {second}"
                # stored only encrypted; the working copy shows the mask (no label needed), but its names
                # are declared identities to look for in the other fields
            cases.append(
                {
                    "id": f"s{s_index + 1:02d}r{round_ + 1}",
                    "identity": {
                        "name": name,
                        "phone": phone,
                        "email": email if declared_email else "",
                        "address": address,
                        "id_number": id_number,
                        "representatives": fields.get("representatives", ""),
                    },
                    "fields": {**fields, "accused": accused_field},
                    "planted": labels,
                }
            )
    for case in cases:
        print(json.dumps(case, ensure_ascii=False))


if __name__ == "__main__":
    main()
