"""Hand-written petition templates and slot fillers used to build the labelled sets.

Syntax: ``[a|b|c]`` picks one alternative (``[a|]`` makes ``a`` optional) and
``{slot}`` is filled from :data:`SLOTS` or from the generated numbers in
:mod:`danvan_devtools.datagen`.  Each template is one "template group":
the evaluation never puts texts of one group in both train and test.
"""

from __future__ import annotations

SLOTS: dict[str, list[str]] = {
    "ten": [
        "Nguyễn Văn Hùng",
        "Trần Thị Mai",
        "Lê Văn Tám",
        "Phạm Thị Hoa",
        "Hoàng Văn Nam",
        "Huỳnh Thị Lan",
        "Phan Văn Đức",
        "Vũ Thị Hằng",
        "Võ Văn Tư",
        "Đặng Thị Thu",
        "Bùi Văn Lợi",
        "Đỗ Thị Hạnh",
        "Hồ Văn Phúc",
        "Ngô Thị Bích",
        "Dương Văn Khoa",
        "Lý Thị Nga",
        "Nguyễn Thị Xuân",
        "Trần Văn Quang",
        "Lê Thị Thảo",
        "Phạm Văn Sơn",
        "Nguyễn Đình Chiến",
        "Trần Quốc Bảo",
        "Lê Minh Tuấn",
        "Đinh Văn Cường",
        "Mai Thị Liên",
        "Cao Văn Thắng",
        "Tạ Thị Yến",
        "Lương Văn Hải",
        "Trịnh Thị Hương",
        "Nông Văn Dũng",
        "Hà Thị Sáu",
        "Kiều Văn Toàn",
        "Châu Thị Kim",
        "Quách Văn Lâm",
        "Nguyễn Hữu Thọ",
        "Trương Thị Ngọc",
        "Đoàn Văn Hậu",
        "La Văn Bình",
        "Triệu Thị Hiền",
        "Tô Văn Long",
    ],
    "xa": [
        "xã Tân Phú",
        "phường Hòa Khánh Bắc",
        "xã Đông Hưng",
        "thị trấn Chờ",
        "xã Phước Hòa",
        "phường Long Biên",
        "xã An Bình",
        "xã Quỳnh Lưu",
        "phường Tân Định",
        "xã Hải Ninh",
        "xã Nghĩa Đàn",
        "phường Thủy Xuân",
        "xã Ea Kao",
        "xã Tam Hiệp",
        "thị trấn Phú Mỹ",
        "xã Kim Sơn",
        "phường Bình Trị Đông",
        "xã Vĩnh Thạnh",
        "xã Yên Lạc",
        "phường Cẩm Phả",
        "xã Mường Khương",
        "xã Cát Hải",
        "phường Ninh Xá",
        "xã Hòa Tiến",
        "xã Đức Linh",
    ],
    "huyen": [
        "huyện Gia Lâm",
        "quận Ngũ Hành Sơn",
        "thị xã Điện Bàn",
        "huyện Yên Phong",
        "huyện Đông Anh",
        "huyện Bình Chánh",
        "thành phố Bắc Ninh",
        "huyện Krông Pắc",
        "huyện Hải Hậu",
        "quận Cẩm Lệ",
        "huyện Thạch Thất",
        "thị xã Từ Sơn",
        "huyện Cần Giuộc",
        "huyện Tiên Du",
        "huyện Quỳnh Phụ",
        "huyện Phù Cát",
        "huyện Nghi Lộc",
        "thành phố Thủ Dầu Một",
    ],
    "thon": [
        "thôn 3",
        "thôn Đông",
        "tổ dân phố 5",
        "ấp Bình Lợi",
        "khu phố 2",
        "xóm Bãi",
        "thôn Trung Hòa",
        "tổ 12",
        "bản Nà Phặc",
        "ấp Mỹ Điền",
        "thôn Phú Xuân",
        "khối 7",
        "xóm Mới",
        "thôn Thượng",
        "tổ dân phố Nam Sơn",
        "ấp 4",
        "thôn Hạ Lũng",
        "khu dân cư số 9",
        "buôn Ea Tung",
        "thôn Cao Xá",
    ],
    "cq": [
        "UBND {xa}",
        "Chủ tịch UBND {huyen}",
        "Ban Dân vận Huyện ủy {huyen}",
        "Ủy ban MTTQ Việt Nam {xa}",
        "Ban Tiếp công dân tỉnh",
        "Đoàn đại biểu Quốc hội tỉnh",
        "Thường trực HĐND tỉnh",
        "UBND {huyen}",
        "Đảng ủy {xa}",
        "các cơ quan chức năng",
        "lãnh đạo {huyen}",
        "Ban Dân vận Tỉnh ủy",
        "Thanh tra {huyen}",
    ],
    "duong": [
        "Quốc lộ 1A",
        "đường Lê Lợi",
        "tỉnh lộ 295",
        "đường Nguyễn Trãi",
        "đường liên xã Tân Phú - An Bình",
        "đường Trần Hưng Đạo",
        "đường Hùng Vương",
        "Quốc lộ 14",
        "đường Ngô Quyền",
        "đường Phạm Văn Đồng",
        "đường Hai Bà Trưng",
        "tỉnh lộ 8",
        "đường Võ Nguyên Giáp",
        "đường Điện Biên Phủ",
        "đường Lạc Long Quân",
        "đường Cách Mạng Tháng Tám",
        "đường Nguyễn Văn Cừ",
        "đường ĐT 741",
    ],
    "song": ["Cầu", "Nhuệ", "Đáy", "Thị Vải", "La Ngà", "Cổ Chiên", "Tô Lịch", "Vu Gia", "Hiếu", "Ba Lai"],
    "nha_may": [
        "giấy Phú Lâm",
        "chế biến mủ cao su Hòa Bình",
        "thép Việt Hưng",
        "tinh bột sắn Tây Nguyên",
        "dệt nhuộm Thành Công",
        "chế biến thủy sản Minh Phú",
        "phân bón Lâm Thao",
        "xi măng Hoàng Long",
        "sản xuất gạch Tuynel An Phát",
        "chế biến gỗ Trường Thành",
    ],
    "cty": [
        "TNHH May mặc Hoàng Gia",
        "Cổ phần Giày da Phú Thịnh",
        "TNHH Điện tử Vinatech",
        "Cổ phần Xây dựng số 5",
        "TNHH Gỗ Minh Phát",
        "Cổ phần Thực phẩm Sao Mai",
        "TNHH Bao bì Tân Tiến",
        "Cổ phần Dệt may Nam Định",
    ],
    "bv": [
        "Đa khoa tỉnh",
        "Nhi Trung ương",
        "Đa khoa huyện {huyen_ten}",
        "Sản Nhi tỉnh",
        "Chợ Rẫy",
        "Bạch Mai",
        "Đa khoa khu vực Bắc Quảng Nam",
        "Y học cổ truyền tỉnh",
        "Phổi tỉnh",
        "Đa khoa Xanh Pôn",
    ],
    "truong": [
        "Tiểu học Kim Đồng",
        "THCS Nguyễn Du",
        "THPT Lê Quý Đôn",
        "Tiểu học Võ Thị Sáu",
        "THCS Trần Phú",
        "Tiểu học Hòa Bình",
        "THPT Chu Văn An",
        "THCS Lý Tự Trọng",
        "Tiểu học Lê Văn Tám",
        "THPT Nguyễn Huệ",
    ],
    "mn": ["Hoa Sen", "Sơn Ca", "Hoa Mai", "Tuổi Thơ", "Họa Mi", "Bình Minh", "Vành Khuyên", "Ánh Dương"],
    "chung_cu": [
        "Tân Hương Tower",
        "HH Linh Đàm",
        "Carina Plaza",
        "chung cư cũ Thanh Xuân Bắc",
        "Green Park",
        "B4 Kim Liên",
        "Mường Thanh Sơn Trà",
        "Ecohome 3",
        "An Lộc",
        "Rainbow Residence",
        "Phú Lợi D",
        "Lakeview City",
    ],
    "du_an": [
        "mở rộng Quốc lộ 1A",
        "khu công nghiệp Phú Nghĩa",
        "đường vành đai 3",
        "khu đô thị mới Nam An",
        "sân bay Long Thành",
        "cao tốc Bắc - Nam",
        "khu du lịch sinh thái Hồ Tràm",
        "trường THCS mới của xã",
        "khu tái định cư Hòa Liên",
        "nhà máy điện mặt trời Phước Hữu",
    ],
    "cho": [
        "Đồng Xuân",
        "Cồn",
        "Bến Thành",
        "Hôm",
        "An Đông",
        "Đầm",
        "Tân Định",
        "Vinh",
        "Ninh Hiệp",
        "Long Biên",
    ],
    "quan": ["Nice", "Hoàng Gia", "Ánh Sao", "Paradise", "Kingdom", "Thiên Đường", "Galaxy", "Sao Biển"],
    "kcn": ["Quế Võ", "Tiên Sơn", "Nhơn Trạch", "VSIP", "Hòa Khánh", "Phố Nối A", "Đình Trám", "Long Hậu"],
    "bo_phan": [
        "địa chính",
        "tư pháp - hộ tịch",
        "văn phòng - thống kê",
        "lao động thương binh xã hội",
        "bộ phận một cửa",
        "văn hóa - xã hội",
        "tài chính - kế toán",
    ],
    "thu_tuc": [
        "chứng thực giấy tờ",
        "đăng ký khai sinh cho con",
        "xác nhận hồ sơ vay vốn",
        "đăng ký hộ kinh doanh",
        "xác nhận tình trạng hôn nhân",
        "trích lục hộ tịch",
        "xác nhận hộ nghèo",
    ],
    "co_quan": [
        "đội quản lý thị trường số 3",
        "phòng tài nguyên môi trường huyện",
        "đội thanh tra xây dựng",
        "chi cục thuế khu vực",
        "đội cảnh sát giao thông",
        "phòng kinh tế huyện",
    ],
    "nh": ["Agribank", "Vietcombank", "BIDV", "VietinBank", "Sacombank", "TPBank", "MB"],
    "cau": [
        "Đồng Nai",
        "Rạch Miễu",
        "treo bản Mỏ",
        "Bà Rén",
        "Kênh Tẻ",
        "sắt Phú Long",
        "Yên Lệnh",
        "tạm ấp 3",
    ],
    "kenh": ["Nhiêu Lộc", "Ba Bò", "Tham Lương", "Bắc Hưng Hải", "T6", "Xáng Lấp", "N2", "Đồng Khởi"],
    "pk": [
        "Đa khoa Hồng Phúc",
        "Nam khoa Thái Bình Dương",
        "Phòng khám Đông y Thiên Ân",
        "Đa khoa Sài Gòn Mới",
    ],
    "tt": ["Anh ngữ Ocean Star", "Tin học Sao Việt", "Ngoại ngữ Global Kids", "Kỹ năng sống Mầm Xanh"],
}

HEADERS: list[str] = [
    "Kính gửi: {cq}.",
    "Kính gửi {cq}. Tôi tên là {ten}, trú tại {thon}, {xa}, {huyen}.",
    "Tôi là {ten}, sinh năm {nam_sinh}, địa chỉ {thon}, {xa}.",
    "Tôi tên {ten} ở {thon} {xa} {huyen}.",
    "ĐƠN KIẾN NGHỊ. Kính gửi: {cq}. Người viết đơn: {ten}, {thon}, {xa}.",
    "Chúng tôi là các hộ dân ở {thon}, {xa}, {huyen}.",
    "Kính gửi các cơ quan có thẩm quyền. Tôi là {ten}, số điện thoại 09{sdt}.",
    "Đơn khiếu nại. Họ và tên: {ten}. Nơi cư trú: {thon}, {xa}, {huyen}.",
    "Kính thưa lãnh đạo, tôi là người dân {xa}.",
]

LEADS: list[str] = [
    "Tôi làm đơn này [để phản ánh|để kiến nghị|để khiếu nại|để tố cáo] sự việc như sau:",
    "Xin trình bày sự việc như sau:",
    "Nay tôi viết đơn này gửi đến quý cơ quan.",
    "Tôi xin phản ánh một việc:",
    "Nội dung:",
]

FOOTERS: list[str] = [
    "Kính mong {cq} xem xét, giải quyết.",
    "Rất mong được quan tâm giải quyết sớm. Tôi xin chân thành cảm ơn!",
    "Tôi xin cam đoan những nội dung trên là đúng sự thật.",
    "Đề nghị các cơ quan chức năng vào cuộc xử lý dứt điểm.",
    "mong lãnh đạo xem xét giúp dân",
    "Xin cảm ơn.",
    "Tôi đã gửi đơn nhiều lần nhưng chưa được trả lời, kính đề nghị xem xét.",
    "Kính đề nghị kiểm tra, trả lời bằng văn bản cho người dân được biết.",
]

# Per-field body templates.  Each entry is one template group.
TEMPLATES: dict[str, list[str]] = {
    "dat_dai": [
        "Gia đình tôi có thửa đất số {so} tờ bản đồ số {so2} tại {thon}, đã sử dụng ổn định từ năm {nam_cu} "
        "nhưng đến nay vẫn chưa được cấp giấy chứng nhận quyền sử dụng đất[ dù đã nộp hồ sơ nhiều lần| mặc dù "
        "hồ sơ đã nộp từ năm {nam}|]. [Đề nghị xem xét cấp sổ đỏ cho gia đình tôi.|Kính đề nghị cấp giấy "
        "chứng nhận cho gia đình.]",
        "Tôi không đồng ý với phương án bồi thường, hỗ trợ khi Nhà nước thu hồi đất để thực hiện dự án {du_an}. "
        "Giá bồi thường [chỉ {gia} nghìn đồng một mét vuông|quá thấp so với giá thị trường], [không đủ để mua "
        "lại đất ở nơi khác|thiệt thòi cho người dân]. [Đề nghị tính lại giá bồi thường.|Kính đề nghị xem "
        "xét lại đơn giá đền bù.]",
        "Khiếu nại Quyết định số {so}/QĐ-UBND ngày {ngay} của UBND {huyen} về việc thu hồi {dt} m2 đất nông "
        "nghiệp của gia đình tôi[ mà không có thông báo trước| nhưng không bố trí tái định cư| khi chưa "
        "thống nhất giá đền bù].",
        "Hộ ông {ten2} ở thửa đất liền kề tự ý lấn chiếm [khoảng {dt_small} m2|một phần] đất của gia đình tôi, "
        "[xây tường rào sang ranh giới|trồng cây, đổ móng lấn sang]. [Chúng tôi đã báo thôn nhưng chưa được "
        "giải quyết.|Xã đã hòa giải {so_lan} lần nhưng không thành.]",
        "tranh chấp đất đai giữa anh em trong gia đình về phần đất [thừa kế|hương hỏa] {dt} m2 của bố mẹ để "
        "lại ở {thon}, [đề nghị xã hòa giải và xác định lại ranh giới|anh trai tôi tự ý đứng tên sổ đỏ "
        "toàn bộ thửa đất]",
        "Đề nghị làm rõ việc cán bộ địa chính đo đạc sai diện tích, [trong sổ đỏ|trên giấy chứng nhận] ghi "
        "{dt} m2 nhưng [thực tế đo lại|khi đo đạc lại] chỉ còn {dt2} m2, gia đình tôi bị mất đất.",
        "Khu đất công khoảng {dt} m2 ở {thon} bị một số hộ dân [rào lại|san lấp] để xây nhà trái phép, "
        "[chính quyền địa phương biết nhưng không xử lý|đề nghị thu hồi lại đất công].",
        "Dự án {du_an} đã thu hồi đất của dân từ năm {nam} nhưng đến nay vẫn bỏ hoang, không triển khai, "
        "[đề nghị trả lại đất cho dân canh tác|người dân không được canh tác cũng không được nhận đủ tiền "
        "đền bù].",
        "Xin chuyển mục đích sử dụng đất từ đất trồng cây lâu năm sang đất ở [để làm nhà cho con|để xây "
        "nhà] đối với thửa số {so}, nhưng hồ sơ [bị trả lại nhiều lần|bị ách tắc ở phòng tài nguyên] mà "
        "không nêu rõ lý do.",
        "Gia đình tôi bị thu hồi đất [làm dự án {du_an}|mở đường] nhưng chưa được bố trí đất tái định cư, "
        "[hiện phải đi thuê nhà ở tạm|nay đã hơn {so_nam} năm vẫn chờ]. Đề nghị giao đất tái định cư như "
        "đã cam kết.",
        "Việc xét giao đất giãn dân tại {thon} không công khai, [có dấu hiệu ưu tiên người nhà|chia lô "
        "không đúng đối tượng], nhiều hộ đủ điều kiện lại không được xét giao đất.",
        "ông {ten2} bán cho tôi {dt_small}0 m2 đất bằng giấy viết tay từ năm {nam_cu}, nay ông ấy [đòi lại "
        "đất|không chịu làm thủ tục sang tên]. Tôi đề nghị được công nhận quyền sử dụng phần đất này.",
        "Quy hoạch treo nhiều năm tại khu vực {thon}, người dân không được [xây dựng, tách thửa|cấp sổ], "
        "không chuyển nhượng được quyền sử dụng đất, [đề nghị công bố rõ quy hoạch|đề nghị hủy bỏ quy "
        "hoạch treo].",
        "Đề nghị xem xét cấp đổi giấy chứng nhận quyền sử dụng đất bị sai tên chủ hộ và sai số thửa "
        "({so} thay vì {so3}) của gia đình tôi.",
        "Tôi đã nộp đủ tiền sử dụng đất theo thông báo của chi cục thuế từ tháng {thang}/{nam} nhưng văn "
        "phòng đăng ký đất đai vẫn chưa trả sổ đỏ, [hẹn đi hẹn lại|không rõ lý do].",
    ],
    "nha_o": [
        "Chung cư {chung_cu} nơi tôi ở [đã xuống cấp nghiêm trọng|có nhiều vết nứt], tường bong tróc, trần "
        "nhà thấm dột, [có nguy cơ sập đổ|mỗi khi mưa lớn nước tràn vào căn hộ]. [Đề nghị sớm cải tạo, xây "
        "dựng lại chung cư cũ.|Kính đề nghị kiểm định an toàn nhà chung cư.]",
        "Chủ đầu tư dự án {chung_cu} chậm bàn giao căn hộ đã {so_nam} năm dù [cư dân đã đóng đủ 95% giá trị "
        "hợp đồng|chúng tôi đã thanh toán gần hết tiền mua nhà].",
        "Cư dân tòa {chung_cu} phản ánh ban quản trị [không công khai việc sử dụng quỹ bảo trì 2%|chiếm giữ "
        "quỹ bảo trì], phí dịch vụ [tăng vô lý|tăng lên {gia} nghìn đồng một mét vuông].",
        "Đã nhận căn hộ ở {chung_cu} hơn {so_nam} năm nhưng chủ đầu tư vẫn chưa làm thủ tục cấp sổ hồng "
        "cho cư dân[, nhiều gia đình không thể thế chấp hay bán nhà|].",
        "Nhà bên cạnh xây [nhà {tang} tầng|công trình] không phép, đào móng làm nứt tường, lún nền nhà tôi "
        "ở số {so} {duong}, [chủ nhà không chịu bồi thường|yêu cầu sửa chữa nhưng họ không hợp tác].",
        "Gia đình tôi thuộc diện thu nhập thấp, [đề nghị được xét mua nhà ở xã hội|nộp hồ sơ thuê mua nhà "
        "ở xã hội] tại dự án {chung_cu} nhưng hồ sơ bị từ chối vì lý do không rõ ràng.",
        "Tôi nộp hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ [từ ngày {ngay}|đã lâu], đến nay quá hạn "
        "{so_ngay} ngày vẫn chưa được trả kết quả, không thể khởi công làm nhà.",
        "Nhà tôi là nhà tạm, [bị hư hỏng nặng sau bão, mái tôn bị tốc|tường đất đã sụt lún], đề nghị được "
        "hỗ trợ làm nhà ở theo chương trình xóa nhà tạm, nhà dột nát.",
        "Thang máy tòa nhà {chung_cu} thường xuyên hỏng, [cư dân bị mắc kẹt|người già trẻ em phải leo "
        "bộ], hệ thống phòng cháy chữa cháy của chung cư không hoạt động.",
        "Chủ nhà trọ nơi công nhân chúng tôi thuê [tự ý tăng giá tiền thuê phòng|tăng giá phòng trọ], tiền "
        "điện tính {gia_dien} nghìn đồng một số, cao hơn quy định, phòng trọ ẩm thấp chật chội.",
        "Đề nghị xử lý công trình nhà ở xây dựng sai phép, cơi nới [thêm tầng|ban công] lấn ra không gian "
        "chung tại số {so} {duong}.",
        "Xin hướng dẫn thủ tục hoàn công và cấp giấy chứng nhận quyền sở hữu nhà ở cho căn nhà [đã xây "
        "xong từ năm {nam}|mới xây xong].",
        "Gia đình tôi thuê nhà tập thể thuộc sở hữu nhà nước từ năm {nam_cu}, [đề nghị được mua lại căn "
        "hộ đang thuê|nay bị yêu cầu trả nhà mà không có phương án bố trí chỗ ở].",
        "Chủ đầu tư {chung_cu} tự ý thay đổi thiết kế, [xây thêm tầng|biến phòng sinh hoạt cộng đồng thành "
        "căn hộ để bán], [cư dân phản đối|vi phạm quyền lợi của người mua nhà].",
        "Tầng hầm để xe chung cư {chung_cu} [bị ngập nước|thấm dột], ban quản lý tòa nhà thu phí gửi xe "
        "cao, cư dân bức xúc về chất lượng quản lý vận hành nhà chung cư.",
    ],
    "moi_truong": [
        "Nhà máy {nha_may} tại {xa} thường xuyên xả nước thải chưa qua xử lý ra sông {song}, [cá chết hàng "
        "loạt|nước đen và bốc mùi hôi thối], ảnh hưởng nghiêm trọng đến [đời sống|sức khỏe] người dân.",
        "Khói bụi từ [lò gạch thủ công|lò vôi] ở {thon} gây ô nhiễm không khí, [nhiều người dân bị bệnh về "
        "hô hấp|cây trồng bị chết], đề nghị [di dời|đình chỉ hoạt động].",
        "Bãi rác {thon} quá tải, rác thải không được [thu gom, xử lý|chôn lấp đúng quy trình], bốc mùi hôi "
        "thối [cả khu dân cư|nhất là những ngày nắng nóng], ruồi muỗi phát sinh.",
        "Trại chăn nuôi lợn của hộ ông {ten2} [với khoảng {so} con|] xả chất thải ra mương nước chung, mùi "
        "hôi nồng nặc, [nước thải tràn vào ruộng|các hộ xung quanh không chịu nổi].",
        "Xưởng [sản xuất gỗ|cơ khí|tái chế nhựa] gần khu dân cư {thon} hoạt động cả đêm, gây tiếng ồn lớn "
        "và khói bụi, xả thải ra môi trường.",
        "Tình trạng khai thác cát trái phép trên sông {song} [diễn ra ngày đêm|kéo dài nhiều năm] làm sạt lở "
        "bờ sông, [đất vườn của nhiều hộ dân bị cuốn trôi|nhiều nhà dân có nguy cơ sụp xuống sông].",
        "Công ty môi trường đô thị [không đến thu gom rác đúng lịch|bỏ rác nhiều ngày không thu gom], rác "
        "thải sinh hoạt tràn ra [đường|khu dân cư] {thon}, [đề nghị kiểm tra|bốc mùi ô nhiễm].",
        "Phản ánh việc chặt phá rừng phòng hộ tại {xa} [để trồng keo|để lấy gỗ], [diện tích rừng bị phá "
        "khoảng {dt_small} ha|kiểm lâm địa bàn làm ngơ].",
        "Một số cơ sở tái chế phế liệu [đốt rác thải công nghiệp|đốt dây điện, nhựa] vào ban đêm, khói đen "
        "mù mịt, mùi khét khó thở.",
        "Nguồn nước giếng khoan của các hộ dân gần khu công nghiệp {kcn} bị nhiễm bẩn, [có mùi lạ|có màu "
        "vàng đục], [không thể sử dụng|nghi do nước thải của khu công nghiệp ngấm xuống].",
        "Đề nghị di dời cơ sở giết mổ gia súc [của ông {ten2}|] ra khỏi khu dân cư {thon} vì nước thải, "
        "mùi hôi gây ô nhiễm môi trường.",
        "Trạm trộn bê tông hoạt động gây bụi, nước thải xi măng chảy tràn ra [ruộng lúa|ao nuôi cá] của "
        "người dân {thon}.",
        "Kênh {kenh} bị ô nhiễm nặng, rác thải sinh hoạt và nước thải đổ thẳng xuống kênh, [đề nghị nạo "
        "vét và xử lý|bốc mùi hôi thối quanh năm].",
        "Người dân phản đối dự án [nhà máy xử lý chất thải rắn|lò đốt rác] xây dựng quá gần khu dân cư "
        "{thon}, chưa công khai báo cáo đánh giá tác động môi trường.",
        "Tình trạng đổ trộm [phế thải xây dựng|chất thải công nghiệp, bùn thải] ra bãi đất trống ở {thon} "
        "diễn ra thường xuyên vào ban đêm, gây ô nhiễm.",
    ],
    "chinh_sach_xa_hoi": [
        "Mẹ tôi năm nay {tuoi} tuổi, đã làm hồ sơ hưởng trợ cấp xã hội [từ tháng {thang}|từ đầu năm] nhưng "
        "đến nay [vẫn chưa được nhận tiền|chưa có quyết định hưởng trợ cấp].",
        "Tiền trợ cấp ưu đãi người có công [tháng này|quý này] bị chậm [hơn {so_thang} tháng|đã lâu], đề nghị "
        "phòng lao động thương binh và xã hội chi trả đúng hạn.",
        "Việc bình xét hộ nghèo, hộ cận nghèo ở {thon} không công bằng, [nhà có ô tô vẫn được vào danh "
        "sách|gia đình tôi thực sự khó khăn lại bị loại khỏi danh sách].",
        "Bố tôi là thương binh [hạng {hang}/4|tham gia kháng chiến chống Mỹ], [có đầy đủ giấy tờ|có xác "
        "nhận của đơn vị cũ], nhưng hồ sơ hưởng chế độ bị tồn đọng nhiều năm chưa giải quyết.",
        "Công ty {cty} nợ bảo hiểm xã hội của công nhân [nhiều tháng|{so_thang} tháng], chúng tôi nghỉ việc "
        "không chốt được sổ bảo hiểm, không hưởng được trợ cấp thất nghiệp.",
        "Con tôi bị khuyết tật [nặng|vận động], nhưng hội đồng xác định mức độ khuyết tật xét là nhẹ, "
        "[mức trợ cấp không đủ|bị cắt trợ cấp hàng tháng].",
        "Gia đình tôi bị thiệt hại do [lũ lụt|cơn bão số {so2}] nhưng không có tên trong danh sách nhận hỗ "
        "trợ, trong khi một số hộ không bị ảnh hưởng lại được nhận.",
        "Đề nghị xem xét chế độ cho người hoạt động kháng chiến bị nhiễm chất độc hóa học, hồ sơ [của bố "
        "tôi|] đã nộp từ năm {nam} nhưng chưa có kết quả.",
        "Tôi đã nghỉ hưu nhưng lương hưu bị tính sai [thời gian đóng bảo hiểm xã hội|hệ số], thiếu "
        "{so_nam} năm công tác, đề nghị bảo hiểm xã hội tỉnh tính lại.",
        "Người cao tuổi từ 80 tuổi trở lên ở {thon} chưa được hưởng trợ cấp hằng tháng theo quy định, [cán "
        "bộ xã nói chưa có kinh phí|danh sách bị bỏ sót nhiều cụ].",
        "Gia đình tôi là hộ cận nghèo, xin vay vốn ngân hàng chính sách xã hội {tien}0 triệu đồng để chăn "
        "nuôi [nhưng bị từ chối|nhưng tổ vay vốn không xét].",
        "Cháu {ten2} mồ côi cả cha lẫn mẹ ở {thon} chưa được hưởng chế độ bảo trợ xã hội, [hiện đang sống "
        "với bà ngoại già yếu|không có người nuôi dưỡng].",
        "Công ty {cty} nợ lương công nhân {so_thang} tháng rồi đóng cửa, [giám đốc bỏ trốn|chủ doanh nghiệp "
        "không liên lạc được], đề nghị can thiệp để người lao động được trả lương và chế độ.",
        "Gia đình có người thân là đối tượng bảo trợ xã hội mất từ tháng {thang} nhưng tiền hỗ trợ mai "
        "táng phí [chưa được chi trả|bị xã giữ lại].",
        "Đề nghị xem xét công nhận liệt sĩ cho ông nội tôi hy sinh năm {nam_kc}, [đến nay gia đình vẫn chưa "
        "nhận được chế độ thờ cúng|hồ sơ đã gửi lên tỉnh nhiều năm].",
    ],
    "y_te": [
        "Ngày {ngay} tôi đưa [con|mẹ] đến khám tại bệnh viện {bv}, phải chờ [từ sáng đến chiều|hơn {so_gio} "
        "tiếng] mới được khám, thái độ của nhân viên y tế [cáu gắt, thiếu tôn trọng người bệnh|hách dịch].",
        "Bệnh viện {bv} yêu cầu bệnh nhân [tự mua thuốc, vật tư y tế bên ngoài|mua thuốc ngoài danh mục] "
        "dù có thẻ bảo hiểm y tế.",
        "Gia đình tôi nghi ngờ bệnh viện {bv} tắc trách trong điều trị, dẫn đến [người nhà tôi tử vong|biến "
        "chứng nặng] sau ca mổ ngày {ngay}, đề nghị làm rõ trách nhiệm của bác sĩ.",
        "Trạm y tế {xa} thiếu thuốc, [thiếu bác sĩ|chỉ có một y sĩ], người dân phải đi xa hàng chục cây số "
        "để khám chữa bệnh.",
        "Thẻ bảo hiểm y tế của tôi bị từ chối thanh toán khi [khám trái tuyến|điều trị nội trú] tại bệnh viện "
        "{bv}, đề nghị giải thích rõ quy định về quyền lợi bảo hiểm y tế.",
        "Phòng khám {pk} quảng cáo sai sự thật, [chữa bệnh không phép|vẽ bệnh để thu tiền], tôi bị thu "
        "{tien} triệu đồng tiền điều trị.",
        "Nhiều người [bị ngộ độc|đau bụng, nôn ói] sau khi ăn [thực phẩm mua ở chợ {cho}|suất ăn tại bếp ăn "
        "tập thể], đề nghị kiểm tra an toàn vệ sinh thực phẩm.",
        "Đề nghị phun thuốc diệt muỗi phòng dịch sốt xuất huyết tại {thon}, [đã có {so2} ca mắc|nhiều trẻ "
        "em đã phải nhập viện].",
        "Nhân viên khoa [phẫu thuật|sản] bệnh viện {bv} gợi ý người nhà đưa tiền bồi dưỡng để [được mổ "
        "sớm|được chăm sóc tốt hơn], gây bức xúc cho bệnh nhân.",
        "Bệnh viện {bv} quá tải, bệnh nhân phải nằm ghép [2-3 người|3 người] một giường, [nhà vệ sinh "
        "bẩn|thiếu nước sinh hoạt].",
        "Hiệu thuốc ở {thon} bán thuốc kháng sinh không cần đơn, [bán thuốc giả|bán thuốc hết hạn sử dụng], "
        "đề nghị thanh tra y tế kiểm tra.",
        "Con tôi đến lịch tiêm chủng mở rộng nhưng trạm y tế [thiếu vắc xin|hết vắc xin] nhiều tháng, [phải "
        "đi tiêm dịch vụ giá cao|lỡ lịch tiêm].",
        "Tôi gọi xe cấp cứu 115 nhưng [hơn một tiếng|rất lâu] sau xe mới đến, [bố tôi bị đột quỵ không được "
        "cấp cứu kịp thời|người bệnh trở nặng].",
        "Viện phí tại bệnh viện {bv} tăng cao, [bệnh nhân chạy thận|bệnh nhân ung thư] nghèo không đủ khả "
        "năng chi trả, đề nghị xem xét hỗ trợ chi phí khám chữa bệnh.",
        "Kết quả xét nghiệm [máu|siêu âm] tại trung tâm y tế {huyen} bị sai, tôi phải [làm lại nhiều "
        "lần|điều trị sai bệnh], đề nghị kiểm tra chất lượng khám chữa bệnh.",
    ],
    "giao_duc": [
        "Trường {truong} thu nhiều khoản [ngoài quy định|không rõ ràng] đầu năm học như quỹ lớp, tiền cơ sở "
        "vật chất, tiền máy điều hòa, [phụ huynh rất bức xúc|tổng cộng gần {tien} triệu đồng mỗi học sinh].",
        "Giáo viên chủ nhiệm lớp {lop} trường {truong} ép học sinh đi học thêm tại nhà, [em nào không học "
        "thì bị phân biệt đối xử|học sinh không học thêm bị cho điểm thấp].",
        "Con tôi [bị bạn cùng lớp bắt nạt|bị nhóm học sinh đánh hội đồng] tại trường {truong}, nhà trường "
        "[không xử lý kịp thời|che giấu sự việc], cháu sợ không dám đi học.",
        "Trường mầm non {mn} thiếu chỗ, con tôi đủ {so_tuoi} tuổi nhưng không được nhận vào học, phải gửi "
        "nhóm trẻ tư thục [với chi phí cao|rất xa nhà].",
        "Phòng học trường {truong} xuống cấp, [mái dột, bàn ghế hỏng|tường nứt, trần bong tróc], không đảm "
        "bảo an toàn cho học sinh, đề nghị sửa chữa trường học.",
        "Cô giáo ở nhóm trẻ tư thục [đánh trẻ|bạo hành trẻ], cho trẻ ăn không đủ suất, [phụ huynh phát hiện "
        "qua camera|con tôi về nhà có vết bầm tím].",
        "Con tôi [ở gần trường|đúng tuyến] nhưng không được tuyển sinh vào lớp {lop_so} trường {truong}, trong "
        "khi nhiều học sinh trái tuyến vẫn được nhận, đề nghị xem xét lại việc tuyển sinh.",
        "Học sinh trường {truong} phải mua sách giáo khoa, đồng phục, tài liệu tham khảo do nhà trường chỉ "
        "định [với giá cao|tại cửa hàng quen của hiệu trưởng].",
        "Bữa ăn bán trú ở trường {truong} [kém chất lượng|ít thịt, nhiều rau], suất ăn ít trong khi phụ "
        "huynh đóng tiền ăn {gia} nghìn đồng mỗi ngày.",
        "Con tôi thuộc hộ nghèo, được miễn giảm học phí nhưng trường {truong} vẫn [thu đủ học phí|bắt đóng "
        "các khoản khác], đề nghị thực hiện đúng chính sách miễn giảm học phí.",
        "Giáo viên hợp đồng trường {truong} [bị nợ lương {so_thang} tháng|không được đóng bảo hiểm], [không "
        "được ký hợp đồng mới|bị cắt phụ cấp đứng lớp].",
        "Kỳ thi tuyển sinh vào lớp 10 năm {nam} tại {huyen} có dấu hiệu lộ đề, [đề nghị thanh tra|phụ huynh "
        "yêu cầu công bố kết quả chấm phúc khảo].",
        "Điểm trường lẻ ở {thon} bị sáp nhập, [học sinh tiểu học phải đi học xa hơn {so2} km|các cháu phải "
        "đi bộ qua suối đến trường chính], phụ huynh rất lo lắng.",
        "Nhà trường không cấp [học bạ|bằng tốt nghiệp] cho con tôi vì [còn nợ tiền đóng góp|chưa nộp quỹ "
        "hội phụ huynh], ảnh hưởng đến việc nộp hồ sơ vào trường mới.",
        "Trung tâm {tt} hoạt động không phép, [thu học phí cả khóa rồi đóng cửa|giáo viên không có chứng "
        "chỉ], phụ huynh không lấy lại được tiền học.",
    ],
    "ha_tang_giao_thong": [
        "Tuyến {duong} đoạn qua {thon} xuống cấp nghiêm trọng, [nhiều ổ gà, ổ voi|mặt đường bong tróc], xe "
        "cộ đi lại khó khăn, [đã xảy ra nhiều vụ tai nạn|mùa mưa lầy lội].",
        "Mỗi khi mưa lớn, khu vực {duong} lại ngập sâu [hơn nửa mét|ngang đầu gối], nước tràn vào nhà dân, "
        "hệ thống thoát nước [không đảm bảo|bị tắc].",
        "Cầu {cau} [đã xuống cấp, lan can gãy|bị sập từ mùa lũ năm ngoái], [học sinh phải đi đò qua sông|xe "
        "máy đi qua rất nguy hiểm], đề nghị sớm xây lại cầu.",
        "Hệ thống đèn chiếu sáng trên {duong} hư hỏng [nhiều tháng|đã lâu] chưa được sửa chữa, ban đêm tối "
        "om, [dễ xảy ra tai nạn giao thông|người đi đường rất sợ].",
        "Dự án nâng cấp {duong} thi công chậm tiến độ, [đào lên rồi bỏ đó|cát đá ngổn ngang], bụi mù vào "
        "mùa khô, lầy lội vào mùa mưa.",
        "Đề nghị lắp đặt đèn tín hiệu giao thông tại nút giao {duong} và {duong2}, [thường xuyên xảy ra va "
        "chạm|giờ cao điểm ùn tắc kéo dài].",
        "Xe tải chở [đất đá|vật liệu] quá tải chạy suốt ngày đêm trên đường liên xã {xa} làm hỏng mặt "
        "đường, [đề nghị đặt barie hạn chế tải trọng|đề nghị xử lý xe quá tải].",
        "Nắp hố ga trên vỉa hè {duong} [bị vỡ|bị mất] nhiều ngày, rất nguy hiểm cho người đi bộ, [đã có "
        "người bị ngã|đề nghị thay nắp mới].",
        "Đề nghị đầu tư bê tông hóa đường ngõ xóm tại {thon}, [hiện vẫn là đường đất|mùa mưa trơn trượt], "
        "người dân sẵn sàng đóng góp ngày công.",
        "Mương thoát nước dọc {duong} bị lấp khi [nâng cấp đường|làm vỉa hè], nước không thoát được gây ngập "
        "úng [nhà dân|ruộng lúa].",
        "Điểm dừng xe buýt tuyến số {so2} [bị dời đi xa|bị bỏ], người dân đi lại khó khăn, đề nghị bố trí "
        "lại điểm dừng xe buýt.",
        "Trạm thu phí BOT trên {duong} đặt sai vị trí, người dân địa phương phải trả phí dù chỉ đi quãng "
        "ngắn, [đề nghị miễn giảm phí|đề nghị di dời trạm].",
        "Cột điện trên {duong} bị nghiêng sắp đổ, dây cáp viễn thông chằng chịt võng thấp, [rất nguy hiểm "
        "cho xe qua lại|đề nghị chỉnh trang].",
        "Khu dân cư {thon} chưa có nước sạch, đường ống cấp nước [chưa được kéo đến|đã lắp nhưng không có "
        "nước], người dân phải dùng nước giếng.",
        "Đoạn đường sắt qua {thon} không có rào chắn, [đã xảy ra tai nạn|người dân đi qua rất nguy hiểm], "
        "đề nghị làm đường gom và gác chắn.",
    ],
    "an_ninh_trat_tu": [
        "Tại {thon} thường xuyên xảy ra trộm cắp [xe máy|gà vịt, tài sản], [người dân rất lo lắng|đã báo "
        "công an xã nhưng chưa bắt được đối tượng].",
        "Quán karaoke {quan} ở {thon} hát đến [2 giờ sáng|nửa đêm], gây tiếng ồn, ảnh hưởng đến giấc ngủ "
        "của người dân xung quanh.",
        "Một nhóm thanh niên thường tụ tập đua xe, rú ga, lạng lách trên {duong} vào ban đêm, [mang theo "
        "hung khí|gây mất an ninh trật tự].",
        "Có đối tượng cho vay nặng lãi [với lãi suất {so2}%/tháng|], đòi nợ kiểu xã hội đen, [ném chất bẩn "
        "vào nhà dân|đe dọa gia đình tôi].",
        "Anh {ten2} nghiện ma túy thường xuyên [gây gổ, đập phá|trộm đồ của hàng xóm], đe dọa người dân "
        "{thon}, đề nghị đưa đi cai nghiện bắt buộc.",
        "Tụ điểm [cờ bạc, đánh bài ăn tiền|đá gà ăn tiền] tại {thon} hoạt động công khai, [công an xã biết "
        "nhưng không xử lý|thu hút nhiều đối tượng lạ].",
        "Con trai tôi bị một nhóm thanh niên đánh gây thương tích ngày {ngay} tại {thon}, đề nghị công an "
        "[khởi tố các đối tượng|điều tra làm rõ].",
        "Tôi bị lừa đảo qua [điện thoại|mạng xã hội], mất {tien} triệu đồng, đề nghị cơ quan công an điều tra, "
        "truy tìm đối tượng.",
        "Hàng xóm nuôi chó [thả rông không rọ mõm|dữ], chó đã cắn [người đi đường|trẻ em] ở {thon}, đề nghị "
        "xử lý.",
        "Tình trạng [chiếm dụng lòng đường|bày bán hàng rong] quanh chợ {cho} gây mất trật tự, [ùn tắc|ẩu đả "
        "tranh giành chỗ], đề nghị lực lượng chức năng ra quân.",
        "Tôi bị chồng bạo lực gia đình, [thường xuyên đánh đập|đe dọa giết], đề nghị công an xã can thiệp "
        "bảo vệ mẹ con tôi.",
        "Nhà tôi bị kẻ gian đột nhập lấy trộm [tiền và vàng|xe máy] vào đêm {ngay}, công an xã đã lập biên "
        "bản nhưng đến nay chưa có kết quả điều tra.",
        "{ten2} vay của tôi {tien} triệu đồng rồi [bỏ trốn|không trả], có dấu hiệu lừa đảo chiếm đoạt tài "
        "sản, đề nghị công an xử lý.",
        "Nhà bên cạnh mở loa kẹo kéo, [hát karaoke|nhạc sống đám cưới] hết công suất đến khuya, [nhắc nhở "
        "nhiều lần không nghe|người già trẻ nhỏ không ngủ được].",
        "Cơ sở [massage|nhà nghỉ] {quan} có dấu hiệu [tổ chức mại dâm|cho thuê phòng sử dụng ma túy], người "
        "lạ ra vào thâu đêm gây mất an ninh.",
    ],
    "can_bo_cong_chuc": [
        "Cán bộ {bo_phan} {xa} [gây khó dễ, hạch sách|đòi tiền bồi dưỡng] khi người dân đến làm thủ tục "
        "{thu_tuc}.",
        "Tôi tố cáo ông {ten2}, [chủ tịch|phó chủ tịch] UBND {xa}, đã [nhận tiền của người dân để hợp thức "
        "hóa giấy tờ|lợi dụng chức vụ để trục lợi].",
        "Cán bộ bộ phận một cửa {xa} có thái độ thiếu tôn trọng, quát tháo người dân, [không hướng dẫn rõ "
        "ràng|bắt đi lại nhiều lần].",
        "Hồ sơ {thu_tuc} của tôi nộp từ ngày {ngay} đã quá hạn giải quyết nhưng cán bộ tiếp nhận [không trả "
        "lời|đùn đẩy trách nhiệm], không có văn bản xin lỗi người dân.",
        "Cán bộ, công chức {xa} đi làm muộn về sớm, trong giờ hành chính [bỏ đi uống cà phê|chơi game], "
        "người dân đến làm việc không gặp.",
        "Đơn của tôi gửi đến UBND {huyen} đã {so_thang} tháng nhưng không được trả lời, [cán bộ tiếp dân "
        "đùn đẩy|không được tiếp công dân].",
        "Ông {ten2}, trưởng {thon}, thu tiền của các hộ dân [không có biên lai|để làm đường nhưng không công "
        "khai chi tiêu], có dấu hiệu tham ô.",
        "Tố cáo cán bộ {co_quan} có hành vi nhũng nhiễu, [vòi tiền doanh nghiệp|nhận tiền để bỏ qua vi "
        "phạm] khi kiểm tra.",
        "Cán bộ tư pháp {xa} làm sai giấy khai sinh cho con tôi, khi đề nghị sửa thì [bắt nộp tiền|bắt làm "
        "lại từ đầu], thái độ vô trách nhiệm.",
        "Việc tuyển dụng công chức cấp xã năm {nam} tại {huyen} có dấu hiệu tiêu cực, [người nhà lãnh đạo "
        "được tuyển dù không đủ tiêu chuẩn|phải chạy tiền mới đỗ].",
        "Lãnh đạo {xa} sử dụng xe công đi việc riêng, tổ chức ăn uống [lãng phí bằng ngân sách|liên hoan "
        "trong giờ làm việc].",
        "Chủ tịch UBND {xa} không tổ chức tiếp công dân định kỳ theo quy định, người dân [nhiều lần đến nhưng "
        "không được gặp|bị bảo vệ chặn lại].",
        "Cảnh sát giao thông ở chốt {duong} thường xuyên [nhận tiền của tài xế xe tải|phạt không lập biên "
        "bản], đề nghị điều tra tiêu cực.",
        "Đề nghị xem xét kỷ luật cán bộ {bo_phan} {xa} đã [có lời nói xúc phạm người dân|say rượu trong "
        "giờ làm việc].",
        "Cán bộ phường {ten2} kê khai tài sản không trung thực, [có nhiều nhà đất, xe sang vượt xa thu "
        "nhập|đứng tên người thân nhiều lô đất], đề nghị xác minh.",
    ],
    "khac": [
        "Hóa đơn tiền điện tháng {thang} của gia đình tôi tăng gấp đôi so với tháng trước dù không dùng thêm "
        "thiết bị, [đề nghị điện lực kiểm tra công tơ|nghi công tơ chạy sai].",
        "Thường xuyên mất điện không báo trước tại {thon}, [mỗi tuần vài lần|có ngày mất cả buổi], ảnh hưởng "
        "đến sản xuất kinh doanh của bà con.",
        "Tôi mua hàng qua mạng [bị giao hàng giả|nhận hàng kém chất lượng], người bán không chịu đổi trả, đề "
        "nghị bảo vệ quyền lợi người tiêu dùng.",
        "Ngân hàng {nh} tự ý trừ tiền trong tài khoản của tôi, [thu phí dịch vụ không thông báo|tính lãi "
        "sai hợp đồng], đề nghị giải quyết.",
        "Xin hỏi thủ tục [đăng ký kết hôn với người nước ngoài|nhận con nuôi|công chứng hợp đồng mua bán xe] "
        "cần những giấy tờ gì và nộp ở đâu.",
        "Mỗi ngày tôi nhận được [hàng chục cuộc gọi|rất nhiều tin nhắn] quảng cáo rác, đề nghị nhà mạng "
        "chặn các số điện thoại làm phiền.",
        "Đề nghị [tổ chức lại lễ hội truyền thống|khôi phục lễ hội] của làng {thon} và tu bổ đình làng đã "
        "xuống cấp, giữ gìn di tích văn hóa.",
        "Giá thức ăn chăn nuôi, phân bón tăng cao trong khi giá [lúa|cà phê|lợn hơi] giảm, nông dân thua lỗ, "
        "đề nghị có chính sách bình ổn giá.",
        "Hợp tác xã nông nghiệp {xa} không chia lợi nhuận cho xã viên, [không công khai tài chính|không tổ "
        "chức đại hội thường niên].",
        "Đề nghị bố trí nhà văn hóa {thon} để [câu lạc bộ dưỡng sinh người cao tuổi|đội văn nghệ] sinh hoạt, "
        "hiện nhà văn hóa bị khóa cửa.",
        "Gia đình tôi xin gửi lời cảm ơn tới {cq} đã quan tâm, [giúp đỡ gia đình vượt qua khó khăn|giải quyết "
        "kịp thời kiến nghị của bà con].",
        "Đàn lợn của gia đình tôi bị [dịch tả lợn châu Phi|bệnh lở mồm long móng], đề nghị thú y hỗ trợ tiêu "
        "hủy và cấp vắc xin cho chăn nuôi.",
        "Hóa đơn tiền nước tháng {thang} của công ty cấp nước ghi sai chỉ số, [cao bất thường|gấp ba tháng "
        "trước], đề nghị kiểm tra đồng hồ nước.",
        "Góp ý dự thảo văn kiện đại hội: [đề nghị bổ sung nội dung phát triển kinh tế tư nhân|cần chú trọng "
        "chuyển đổi số ở cơ sở], tôi xin đóng góp một số ý kiến.",
        "Sóng điện thoại, internet tại {thon} rất yếu, [con em không học trực tuyến được|không gọi được cứu "
        "hộ], đề nghị nhà mạng lắp thêm trạm phát sóng.",
        "Chồng tôi bỏ đi biệt tích {so_nam} năm, xin hướng dẫn thủ tục [ly hôn đơn phương|tuyên bố mất tích] "
        "tại tòa án.",
    ],
}

# Second batch of templates: shorter, more colloquial petitions.
TEMPLATES["dat_dai"] += [
    "xin hỏi vì sao đất nhà tôi ở {thon} bị đưa vào quy hoạch đất cây xanh mà không ai thông báo, giờ muốn "
    "[làm sổ|tách thửa cho con] cũng không được",
    "Nhà nước thu hồi {dt} m2 đất ruộng của tôi nhưng chỉ hỗ trợ chuyển đổi nghề [rất ít|{gia} nghìn/m2], "
    "tiền đền bù [chưa nhận đủ|bị chậm chi trả], đề nghị Hội đồng bồi thường giải phóng mặt bằng trả lời.",
    "Đề nghị UBND {xa} trả lại {dt_small} m2 đất mà xã mượn của gia đình tôi làm [sân kho hợp tác xã|đường "
    "đi] từ năm {nam_cu} đến nay chưa trả.",
    "Tôi khiếu nại việc xã cho thuê đất công ích {dt} m2 [không qua đấu giá|với giá rẻ] cho người quen, "
    "người dân trong thôn không được thuê để sản xuất.",
    "Ranh giới đất giữa nhà tôi và nhà bà {ten2} trên bản đồ địa chính [vẽ sai|bị lệch {dt_small} mét], "
    "đề nghị đo đạc lại và chỉnh lý biến động đất đai.",
    "Gia đình tôi khai hoang {dt} m2 đất đồi từ năm {nam_cu}, nay lâm trường [đòi thu hồi|cắm mốc lấn vào], "
    "đề nghị giao đất lâm nghiệp cho gia đình tôi sử dụng lâu dài.",
    "Người dân {thon} phản đối việc cưỡng chế thu hồi đất [khi chưa có quyết định phê duyệt bồi thường|"
    "trong lúc lúa sắp thu hoạch].",
    "Cán bộ đo đạc giải phóng mặt bằng kiểm đếm thiếu cây cối, tài sản trên đất của gia đình tôi, [thiếu "
    "{so2} cây ăn quả|bỏ sót công trình chuồng trại], đề nghị kiểm đếm lại để bồi thường đủ.",
    "sổ đỏ của gia đình bị mất, xin cấp lại giấy chứng nhận quyền sử dụng đất thửa số {so}, tờ bản đồ {so2} "
    "nhưng văn phòng đăng ký đất đai bắt chờ [niêm yết|xác minh] rất lâu.",
    "Dồn điền đổi thửa ở {thon} chia ruộng không công bằng, [gia đình tôi bị chia ruộng xấu, xa|mất {dt_small}0 m2 "
    "ruộng so với trước], đề nghị xem xét lại phương án.",
]
TEMPLATES["nha_o"] += [
    "Căn nhà số {so} {duong} của gia đình tôi [nằm trong khu nhà nguy hiểm cấp D|đã quá cũ, nứt tường], xin "
    "được cấp phép sửa chữa, cải tạo nhà ở nhưng phường không giải quyết.",
    "Tôi mua căn hộ tại dự án {chung_cu} nhưng chủ đầu tư [thế chấp dự án cho ngân hàng|bán một căn cho nhiều "
    "người], nay không được nhận nhà, đề nghị bảo vệ quyền lợi người mua nhà.",
    "Chủ đầu tư khu đô thị {chung_cu} không bàn giao [hạ tầng|nhà sinh hoạt cộng đồng] cho địa phương quản lý, "
    "cư dân ở đây không được cấp điện nước trực tiếp, phải mua giá cao.",
    "Nhà tôi ở gần công trình cao tầng đang thi công, [vật liệu rơi xuống mái nhà|cọc ép làm nứt nhà], đề "
    "nghị nhà thầu bồi thường thiệt hại cho căn nhà.",
    "Cư dân chung cư {chung_cu} đề nghị tổ chức hội nghị nhà chung cư để bầu lại ban quản trị, ban quản trị "
    "hiện tại [hết nhiệm kỳ|không minh bạch].",
    "Xin hỗ trợ nhà ở cho gia đình người có công, căn nhà [tranh tre|cấp 4] của bố tôi xây từ năm {nam_cu} "
    "đã dột nát nặng, không ở được.",
    "Gia đình tôi ở nhà thuê, [thu nhập thấp, công nhân khu công nghiệp {kcn}|con nhỏ], đề nghị thành phố đầu "
    "tư thêm nhà ở xã hội cho công nhân thuê với giá hợp lý.",
    "Hàng xóm xây nhà [mở cửa sổ, ban công|làm mái che] sang phần không gian nhà tôi, nước mưa đổ xuống mái nhà "
    "tôi, đề nghị đội quản lý trật tự xây dựng kiểm tra.",
    "Căn hộ chung cư {chung_cu} tôi mua bị [thấm nước từ căn hộ tầng trên|nứt sàn, hở cửa], chủ đầu tư hết "
    "thời hạn bảo hành không chịu sửa chữa.",
    "Ban quản lý chung cư {chung_cu} cắt điện, nước căn hộ của tôi vì [tranh chấp phí quản lý|chậm đóng phí "
    "dịch vụ], đề nghị can thiệp.",
]
TEMPLATES["moi_truong"] += [
    "Mùi hôi thối từ [khu xử lý nước thải|nhà máy chế biến thức ăn gia súc] bốc lên nồng nặc mỗi tối, người "
    "dân {xa} phải đóng kín cửa, trẻ em ho, sổ mũi.",
    "Đề nghị kiểm tra việc [phun thuốc trừ sâu|vứt vỏ bao bì thuốc bảo vệ thực vật] bừa bãi xuống kênh mương "
    "nội đồng ở {thon}, gây ô nhiễm nguồn nước.",
    "Mỏ đá [của công ty {cty}|ở {xa}] nổ mìn khai thác làm rung nhà, bụi đá phủ trắng cây cối, ô nhiễm không "
    "khí, người dân yêu cầu đóng cửa mỏ.",
    "Cây xanh trên {duong} bị [chặt hạ hàng loạt|đốn bỏ] để làm [bãi đỗ xe|quảng cáo], người dân đề nghị "
    "giữ lại cây xanh, bảo vệ môi trường đô thị.",
    "Hồ {song} trong khu dân cư [cá chết nổi trắng mặt hồ|nước chuyển màu xanh đen], bốc mùi, đề nghị cơ "
    "quan tài nguyên môi trường lấy mẫu phân tích.",
    "Tình trạng người dân đốt rơm rạ sau thu hoạch [khói mù mịt|gây ô nhiễm không khí] ở {xa}, ảnh hưởng "
    "sức khỏe, đề nghị có biện pháp xử lý rơm rạ.",
    "Cơ sở [mạ kẽm|thuộc da|nhuộm vải] gần nhà tôi xả nước thải có hóa chất ra cống chung, [cây trồng bị "
    "chết|đất bị nhiễm độc].",
    "Rác thải nhựa, túi ni lông trôi dạt dày đặc ven biển {xa}, [không ai dọn dẹp|du khách phàn nàn], đề "
    "nghị tổ chức thu gom rác thải.",
    "Bụi than từ [bến bãi tập kết than|cảng than] gần {thon} bay vào nhà dân đen kịt, đề nghị che chắn và "
    "di dời bãi than.",
    "Điểm trung chuyển rác ngay đầu ngõ {thon} [nước rỉ rác chảy ra đường|để rác qua đêm], ô nhiễm, đề nghị "
    "chuyển điểm tập kết rác đi nơi khác.",
]
TEMPLATES["chinh_sach_xa_hoi"] += [
    "Tôi là nạn nhân bom mìn sau chiến tranh, [bị cụt một chân|mất sức lao động {so2}%], đề nghị được hưởng "
    "chế độ trợ cấp theo quy định.",
    "Vợ chồng tôi đều già yếu, không có lương hưu, [con cái đi làm ăn xa|không nơi nương tựa], xin được "
    "xét hưởng trợ cấp bảo trợ xã hội hằng tháng.",
    "Tôi đóng bảo hiểm xã hội tự nguyện {so_nam} năm, nay [muốn rút bảo hiểm xã hội một lần|đến tuổi nghỉ] "
    "nhưng cơ quan bảo hiểm xã hội trả lời không rõ ràng.",
    "Gia đình tôi thuộc hộ nghèo nhưng [chưa nhận được gạo cứu đói giáp hạt|không được hỗ trợ tiền điện], "
    "trong khi nhiều hộ khá giả lại được nhận.",
    "Công ty {cty} sa thải tôi [khi đang mang thai|không báo trước], không trả trợ cấp thôi việc, đề nghị "
    "thanh tra lao động xem xét bảo vệ quyền lợi người lao động.",
    "Đề nghị điều chỉnh chế độ phụ cấp cho cán bộ không chuyên trách ở thôn, [mức phụ cấp quá thấp|không "
    "đủ sống], nhiều người bỏ việc.",
    "Xin xác nhận hồ sơ hưởng chế độ cho thanh niên xung phong thời kỳ kháng chiến, bố tôi [đã mất|đã {tuoi} "
    "tuổi] nhưng vẫn chưa được hưởng trợ cấp một lần.",
    "Danh sách hỗ trợ người lao động mất việc do dịch bệnh ở {xa} [bị bỏ sót|không công khai], tôi làm "
    "đủ hồ sơ nhưng không được nhận tiền hỗ trợ.",
    "Đề nghị hỗ trợ [xe lăn|dụng cụ chỉnh hình] và học nghề cho người khuyết tật nghèo ở {thon}.",
    "Trung tâm bảo trợ xã hội tỉnh [không tiếp nhận|trả về] cụ {ten2} già yếu cô đơn không nơi nương tựa, "
    "đề nghị xem xét nuôi dưỡng tập trung.",
]
TEMPLATES["y_te"] += [
    "Bác sĩ trạm y tế {xa} [kê đơn thuốc sai|chẩn đoán nhầm] khiến mẹ tôi [phải nhập viện cấp cứu|bệnh nặng "
    "thêm], đề nghị sở y tế kiểm tra.",
    "Đề nghị cấp lại thẻ bảo hiểm y tế cho [con tôi dưới 6 tuổi|người dân tộc thiểu số] ở {thon}, thẻ cũ đã "
    "hết hạn mà xã chưa cấp mới, đi khám bệnh không được hưởng bảo hiểm.",
    "Khoa cấp cứu bệnh viện {bv} [đùn đẩy bệnh nhân|để bệnh nhân nằm hành lang], chậm xử trí khiến bệnh "
    "nhân nguy kịch.",
    "Cơ sở [thẩm mỹ|spa] ở {duong} tiêm filler làm tôi bị biến chứng, [sưng mủ|hoại tử], cơ sở không có "
    "giấy phép hành nghề khám chữa bệnh.",
    "Bệnh viện {bv} thu tiền [dịch vụ khám theo yêu cầu|phụ thu] mà không thông báo, [hóa đơn viện phí|bảng "
    "kê chi phí điều trị] có nhiều khoản không rõ.",
    "Tại {thon} có nhiều người mắc [bệnh ung thư|bệnh lạ] trong thời gian ngắn, đề nghị ngành y tế khám sàng "
    "lọc, tìm nguyên nhân gây bệnh.",
    "Người nhà tôi bị [chó dại cắn|rắn cắn] nhưng trung tâm y tế huyện không có [huyết thanh|vắc xin dại], "
    "phải chuyển lên tuyến trên rất xa.",
    "Đề nghị xử lý tình trạng bán thực phẩm chức năng, thuốc [không rõ nguồn gốc|quảng cáo chữa khỏi ung "
    "thư] cho người già qua hội thảo.",
    "Điều dưỡng bệnh viện {bv} [tiêm sai thuốc|truyền dịch sai] cho con tôi, cháu bị sốc phản vệ, đề nghị "
    "làm rõ sai sót chuyên môn.",
    "Bệnh viện từ chối cấp giấy [chuyển viện|ra viện, tóm tắt bệnh án] cho bố tôi, gây khó khăn khi thanh "
    "toán bảo hiểm y tế.",
]
TEMPLATES["giao_duc"] += [
    "Đề nghị làm rõ việc hiệu trưởng trường {truong} [thu tiền học sinh để làm sân trường|sử dụng quỹ "
    "phụ huynh] không công khai, phụ huynh không được biết.",
    "Con tôi học lớp {lop} bị giáo viên [đánh vào tay|phạt quỳ, mắng chửi] trước lớp, cháu bị hoảng sợ "
    "không muốn đến trường.",
    "Phụ huynh lớp {lop} bị ép [mua máy tính bảng|đóng tiền học tiếng Anh liên kết] theo yêu cầu của "
    "trường {truong}, không tự nguyện.",
    "Trường {truong} không có [nhà vệ sinh sạch|nước uống|sân chơi] cho học sinh, phòng học chật chội, "
    "sĩ số lớp lên đến {so2} em.",
    "Đề nghị phòng giáo dục xem xét [việc chuyển trường|việc cho con tôi học lại lớp {lop_so}] vì nhà trường "
    "không nhận hồ sơ.",
    "Học sinh [dân tộc thiểu số|con hộ nghèo] ở {thon} chưa được nhận tiền hỗ trợ ăn trưa, gạo hỗ trợ học "
    "sinh bán trú theo quy định.",
    "Đề nghị đưa xe đưa đón học sinh và bố trí lớp học kỹ năng bơi, hiện học sinh {thon} [phải lội suối|đi "
    "bộ xa] đến trường.",
    "Giáo viên trường {truong} [chấm điểm không công bằng|sửa điểm] cho học sinh học thêm, phụ huynh bức "
    "xúc về đánh giá học sinh.",
    "Trường {truong} dạy thêm, học thêm tràn lan [ngay trong trường|vào cả thứ bảy, chủ nhật], thu tiền "
    "{gia} nghìn mỗi buổi.",
    "Đề nghị xem xét xét tuyển học bổng cho con tôi [đạt giải học sinh giỏi|học giỏi nhà nghèo] nhưng nhà "
    "trường bỏ qua hồ sơ.",
]
TEMPLATES["ha_tang_giao_thong"] += [
    "Vỉa hè {duong} bị [đào lên lát lại nhiều lần|lún sụt], gạch lát vỡ nát, người đi bộ phải đi xuống lòng "
    "đường.",
    "Đề nghị làm gờ giảm tốc, biển báo giao thông tại đoạn cua gắt trên {duong} gần {thon}, [đã có người "
    "chết|tai nạn xảy ra liên tục].",
    "Ngầm tràn qua suối ở {thon} mùa mưa nước dâng cao, [người dân bị cô lập|học sinh không đến trường được], "
    "đề nghị xây cầu cứng.",
    "Đường vào khu công nghiệp {kcn} thường xuyên ùn tắc giờ tan ca, [xe container đỗ tràn lan|không có đường "
    "gom], đề nghị mở rộng đường.",
    "Dự án [cải tạo hệ thống thoát nước|làm đường ống cấp nước] đào đường {duong} xong không hoàn trả mặt "
    "đường, để lại hố sâu nguy hiểm.",
    "Đề nghị nạo vét cống rãnh, khơi thông dòng chảy tại {thon} trước mùa mưa bão để tránh [ngập lụt|nước "
    "tràn vào nhà].",
    "Xe khách, xe tải dừng đỗ [sai quy định|tùy tiện đón trả khách] trên {duong} gây ùn tắc, mất an toàn giao "
    "thông.",
    "Tuyến đường mới làm ở {xa} [chỉ sau vài tháng đã nứt toác|bị lún], nghi nhà thầu làm ẩu, rút ruột công "
    "trình.",
    "Đề nghị mở tuyến xe buýt đi qua {xa} vào trung tâm {huyen}, hiện người dân và học sinh đi lại rất khó "
    "khăn.",
    "Kè bờ sông [đoạn qua {thon}|{song}] bị nứt, sụt lún, [có nguy cơ vỡ kè|đất sạt vào nhà dân], đề nghị "
    "sửa chữa công trình kè.",
]
TEMPLATES["an_ninh_trat_tu"] += [
    "Xe của tôi bị [lấy cắp|đập kính lấy tài sản] khi đỗ ở {duong} ngày {ngay}, camera có ghi lại hình ảnh "
    "đối tượng, đề nghị công an truy bắt.",
    "Nhóm đối tượng [bảo kê|thu tiền bến bãi] tại chợ {cho}, [ép tiểu thương nộp tiền|hành hung người không "
    "nộp], tiểu thương không dám làm ăn.",
    "Đề nghị tăng cường tuần tra ban đêm ở {thon}, [gần đây xảy ra nhiều vụ cướp giật|thanh niên lạ mặt tụ "
    "tập sử dụng bóng cười].",
    "Người lạ [lắp đặt camera theo dõi|thường xuyên rình rập] nhà tôi, nhắn tin đe dọa, [tôi rất hoảng "
    "sợ|đề nghị công an xác minh].",
    "Con tôi {so_tuoi}0 tuổi bị [dụ dỗ tham gia đánh bạc trực tuyến|lôi kéo vào băng nhóm], đề nghị công an "
    "điều tra đường dây.",
    "Hàng đêm có người [bắn pháo|đốt pháo nổ] gây náo loạn khu dân cư {thon}, [vi phạm quy định cấm "
    "pháo|làm trẻ em hoảng sợ].",
    "Tôi bị đánh trọng thương khi can ngăn vụ xô xát ngày {ngay}, [công an xã chưa lập hồ sơ|đối tượng "
    "gây án vẫn nhởn nhơ], đề nghị xử lý hình sự.",
    "Tình trạng trộm cắp [dây điện, cáp đồng|máy bơm nước ngoài đồng] diễn ra liên tục ở {thon}, người "
    "dân thiệt hại nặng.",
    "Đối tượng giả danh cán bộ [công an|điện lực] đến nhà thu tiền, lừa người già ở {thon}, đề nghị cảnh "
    "báo và điều tra.",
    "Quán nhậu ở {duong} tụ tập đông người, [ẩu đả gây mất trật tự|say xỉn chửi bới] đến khuya, đề nghị công "
    "an phường kiểm tra.",
]
TEMPLATES["can_bo_cong_chuc"] += [
    "Ông {ten2}, cán bộ {bo_phan} {xa}, [ký xác nhận sai sự thật|làm giả chữ ký] trong hồ sơ, đề nghị cơ quan "
    "kiểm tra xử lý vi phạm của công chức.",
    "Tôi đến bộ phận tiếp nhận và trả kết quả {huyen} nộp hồ sơ {thu_tuc} thì bị cán bộ [từ chối tiếp nhận|"
    "đòi phải qua dịch vụ] mà không giải thích.",
    "Trưởng công an {xa} [bao che cho người nhà|xử lý vụ việc thiếu khách quan], có biểu hiện lạm quyền, đề "
    "nghị cấp trên xem xét.",
    "Cán bộ thuế [gợi ý chi tiền để giảm thuế|thu thuế hộ kinh doanh không có biên lai] tại chợ {cho}, "
    "người dân bức xúc.",
    "Đề nghị công khai kết quả xử lý đơn tố cáo đối với chủ tịch {xa}, đã {so_thang} tháng mà cơ quan "
    "kiểm tra chưa có kết luận.",
    "Cán bộ xã [dùng mạng xã hội xúc phạm người dân|chửi bới người đi làm thủ tục], vi phạm quy tắc ứng xử "
    "của cán bộ, công chức.",
    "Trưởng thôn {thon} [không tổ chức họp dân|tự ý lập danh sách], [thiếu dân chủ|ém thông tin], đề nghị "
    "bầu lại trưởng thôn.",
    "Lãnh đạo {xa} [bổ nhiệm người thân|cho con cháu làm cán bộ hợp đồng] không qua thi tuyển, có dấu hiệu "
    "lợi ích nhóm.",
    "Công chức {bo_phan} {xa} [nhận hồ sơ rồi làm mất|để quá hạn rồi bắt làm lại], không chịu trách nhiệm, "
    "đề nghị kiểm điểm.",
    "Đề nghị thanh tra việc quản lý, sử dụng ngân sách của UBND {xa}, [nhiều khoản chi không chứng từ|xây "
    "trụ sở vượt dự toán], nghi có tham nhũng.",
]
TEMPLATES["khac"] += [
    "Đề nghị Hội Nông dân hỗ trợ [tiêu thụ nông sản|bao tiêu thanh long] cho bà con {xa}, năm nay được mùa "
    "mất giá, hàng tồn đọng.",
    "Tôi bị công ty bảo hiểm nhân thọ [từ chối chi trả quyền lợi|tư vấn sai hợp đồng], đề nghị hướng dẫn "
    "cách khiếu nại.",
    "Xin hỏi điều kiện để được [đi xuất khẩu lao động|vay vốn khởi nghiệp cho thanh niên], nộp hồ sơ ở đâu.",
    "Gia đình tôi có tranh chấp về [tài sản là vàng, tiền|chia đồ dùng] sau khi bố mất, đề nghị tổ hòa giải "
    "ở cơ sở giúp hòa giải.",
    "Đề nghị đài truyền thanh xã [giảm âm lượng loa phát thanh buổi sáng|phát thanh đúng giờ], loa đặt ngay "
    "cạnh nhà tôi.",
    "Nghĩa trang nhân dân {thon} [đã hết chỗ|quản lý lộn xộn], đề nghị quy hoạch nghĩa trang mới.",
    "Tôi xin phản ánh về [giá vé tham quan|dịch vụ chặt chém du khách] ở khu du lịch {xa}, đề nghị quản lý "
    "giá dịch vụ du lịch.",
    "Đề nghị tổ chức lớp tập huấn [chuyển đổi số|sử dụng dịch vụ công trực tuyến] cho người cao tuổi ở {thon}.",
    "Người dân {thon} kiến nghị được hỗ trợ giống lúa, phân bón sau [đợt hạn hán|vụ mất mùa do rầy nâu], "
    "nông dân thiệt hại nặng.",
    "Đề nghị Mặt trận tổ quốc {xa} tổ chức đối thoại giữa người dân với [doanh nghiệp trên địa bàn|chính "
    "quyền] về các vấn đề bà con quan tâm.",
]
