"""Articles written for the press module's own tests, in the style of provincial news sites."""

from __future__ import annotations

LANGSON = """Tổng kết công tác dân vận năm 2023

LSO - Ngày 20/12/2023, Ban Dân vận Tỉnh ủy Lạng Sơn tổ chức hội nghị tổng kết công tác dân vận năm 2023, triển khai nhiệm vụ năm 2024.

Đồng chí Hoàng Văn Nghiệm, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì hội nghị. Dự hội nghị có đồng chí Lương Thị Hoa, Trưởng Ban Dân vận Tỉnh ủy.

Năm 2023, các cấp ủy đảng trong tỉnh tiếp tục thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới. Phong trào thi đua “Dân vận khéo” được triển khai sâu rộng, toàn tỉnh xây dựng được 1.250 mô hình dân vận khéo.

Có 98,5% xã, phường, thị trấn tổ chức đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với nhân dân.

Phát biểu chỉ đạo hội nghị, đồng chí Hoàng Văn Nghiệm đề nghị các cấp ủy tiếp tục đổi mới nội dung, phương thức công tác dân vận, gần dân, sát dân, trọng dân.

PHƯƠNG DUNG
"""

LANGSON_OTHER_SITE = """Trang chủ | Thời sự | Chính trị | Xã hội
Thứ sáu, 22/12/2023 08:15 GMT+7
Tổng kết công tác dân vận năm 2023

LSO - Ngày 20/12/2023, Ban Dân vận Tỉnh ủy Lạng Sơn tổ chức hội nghị tổng kết công tác dân vận năm 2023, triển khai nhiệm vụ năm 2024.

Đồng chí Hoàng Văn Nghiệm, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì hội nghị. Dự hội nghị có đồng chí Lương Thị Hoa, Trưởng Ban Dân vận Tỉnh ủy.

Năm 2023, các cấp ủy đảng trong tỉnh tiếp tục thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới. Phong trào thi đua “Dân vận khéo” được triển khai sâu rộng, toàn tỉnh xây dựng được 1.250 mô hình dân vận khéo.

Có 98,5% xã, phường, thị trấn tổ chức đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với nhân dân.

Phát biểu chỉ đạo hội nghị, đồng chí Hoàng Văn Nghiệm đề nghị các cấp ủy tiếp tục đổi mới nội dung, phương thức công tác dân vận, gần dân, sát dân, trọng dân.

PHƯƠNG DUNG
Gửi cho bạn bè
Phản hồi
In bài
Các tin khác
Khai mạc Hội chợ thương mại biên giới Việt - Trung năm 2023
Lạng Sơn đón hơn 3 triệu lượt khách du lịch trong năm
Xem nhiều nhất
Giá vàng hôm nay tăng mạnh trở lại
"""

BACLIEU = """Bạc Liêu: Sơ kết công tác dân vận 6 tháng đầu năm 2024

(baclieu.gov.vn) - Sáng 12/7/2024, Ban Dân vận Tỉnh ủy Bạc Liêu tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024, triển khai nhiệm vụ 6 tháng cuối năm.

Đồng chí Lữ Văn Hùng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Bạc Liêu chủ trì hội nghị.

Trong 6 tháng đầu năm, các cấp ủy triển khai thực hiện Kết luận số 114-KL/TW của Ban Bí thư về nâng cao chất lượng, hiệu quả công tác dân vận của Đảng, Nhà nước, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội. Toàn tỉnh có 320 mô hình “Dân vận khéo” được công nhận.

Phát biểu kết luận, đồng chí Lữ Văn Hùng yêu cầu các cấp ủy tăng cường đối thoại với nhân dân, giải quyết kịp thời kiến nghị chính đáng của người dân.

MINH QUÂN
"""

ENGLISH = """City council approves new budget

The city council approved the new budget on Tuesday after a long debate about public transport,
school funding and the maintenance of parks. The mayor said the plan balances growth and prudence.
"""

NO_EVENT = """Hôm nay trời đẹp, nắng nhẹ và gió mát. Tôi đi chợ mua rau, cá và hoa quả cho cả nhà.
Buổi chiều cả nhà cùng nhau đi dạo công viên gần nhà, trẻ con chơi đùa vui vẻ bên hồ nước.
"""

LANGSON_HTML = (
    """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Tổng kết công tác dân vận năm 2023 - Báo Lạng Sơn</title></head><body>
<nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a> <a href="/kinh-te">Kinh tế</a></nav>
<article><h1>Tổng kết công tác dân vận năm 2023</h1>
"""
    + "".join(f"<p>{p.strip()}</p>\n" for p in LANGSON.split("\n\n")[1:])
    + """</article>
<aside><h3>Các tin khác</h3><ul><li><a href="/a">Khai mạc Hội chợ thương mại biên giới</a></li></ul></aside>
<footer>Báo Lạng Sơn - Cơ quan của Đảng bộ tỉnh Lạng Sơn</footer></body></html>
"""
)

RUSSIAN = """Сегодня в городе прошло собрание жителей, посвящённое благоустройству дворов и парков.
Глава администрации рассказал о планах на следующий год и ответил на вопросы граждан.
"""

WITHOUT_DIACRITICS = """Ngay 20/12/2023, Ban Dan van Tinh uy Lang Son to chuc hoi nghi tong ket cong tac dan van nam 2023.
Dong chi Hoang Van Nghiem, Pho Bi thu Thuong truc Tinh uy chu tri hoi nghi.
"""
