"""Vocabulary for the genre: surnames, party/state titles, known themes and count nouns."""

from __future__ import annotations

import re

SURNAMES: frozenset[str] = frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương Lâm Mai
    Trịnh Hà Cao Tô Lưu Lương Tạ Quách Chu Châu Thái Từ Kiều La Vương Triệu Lò Lục Nông Hầu Giàng Sùng
    Thào Vàng Mạc Tăng Diệp Ông Phùng Đào Hứa Khổng Kim Lạc Lại Đàm Văn Quan Chế Ma Mè Âu Ninh Viên Tống
    Thân Nghiêm Bế Bạch Đồng Hoa Khúc Nhâm Thạch Kha Danh Sơn Lường Quàng Cầm Hoàng Vi Lộc Lăng Mông
    Ksor Rơ Siu Rmah Nay Y H Hồng Phí Giáp Cù Khương Tiêu Trình Doãn Lã Tôn Văn Dư Phó Ưng Mẫn Sầm Vy
    Hạ Hàn Khiếu Lò Lầu Mùa Tráng Chảo Bàn Triệu Đèo Điêu Hoàng Thiều Tòng Quang Yên""".split()
)
# Capitalised words that start a title, an organisation or a place rather than a name.
NON_NAME_WORDS: frozenset[str] = frozenset(
    """Bí Phó Trưởng Chủ Ủy Uỷ Giám Bộ Thứ Tổng Thượng Thiếu Chánh Thủ Ban Đảng Tỉnh Huyện Thường Các Những
    Theo Tại Trong Sáng Chiều Tối Ngày Mặt Trận Cựu Cục Sở Phòng Bác Chiến Người Già Bệnh Viện Kỷ Huân
    Bằng Giấy Ảnh Tin Bài Báo Ông Bà Xã Phường Quận Thôn Ấp Khu Đồng Hòa Linh Mục Thượng Đức""".split()
)
# Capitalised words that may precede a name inside one run of capitals ("Việt Nam Nguyễn Văn A").
PREFIX_WORDS: frozenset[str] = NON_NAME_WORDS | frozenset(
    "Việt Nam Trung Quốc Tổ Hội Đoàn Liên Nông Dân Công Thành Phố Vận Ủy Nhân Khối Cụm Tộc".split()
)
NAME_TRIGGERS = (
    r"(?:[Đđ]ồng\s+chí|[Đđ]/[Cc]|[Ôô]ng|[Bb]à|[Gg]ià\s+làng|[Cc]ụ|[Aa]nh|[Cc]hị|[Nn]ghệ\s+nhân|"
    r"[Hh]òa\s+thượng|[Tt]hượng\s+tọa|[Đđ]ại\s+đức|[Ll]inh\s+mục|[Mm]ục\s+sư|[Ss]ư\s+cô)"
)

TITLE_HEAD = re.compile(
    r"^(?:nguyên\s+)?(?:ủy viên|uỷ viên|bí thư|phó bí thư|tổng bí thư|chủ tịch|phó chủ tịch|trưởng|"
    r"phó trưởng|phó|giám đốc|phó giám đốc|bộ trưởng|thứ trưởng|chủ nhiệm|phó chủ nhiệm|chánh|"
    r"phó chánh|thủ tướng|phó thủ tướng|đại biểu quốc hội|tư lệnh|chính ủy|tổng giám đốc|vụ trưởng|"
    r"cục trưởng|chỉ huy trưởng|đại tá|thượng tá|trung tá|thiếu tá|thiếu tướng|trung tướng|"
    r"thượng tướng|đại tướng|tổng thư ký|thường trực|già làng|người có uy tín|hiệu trưởng|"
    r"đại biểu hđnd|chủ tịch hđnd|chủ tịch ubnd|bí thư chi bộ|hòa thượng|thượng tọa|đại đức|linh mục|mục sư)(?![^\W\d_])",
    re.IGNORECASE,
)
# Verbs and connectors that end a title phrase that follows a name.
TITLE_STOP = re.compile(
    r"\s+(?:đã|đang|sẽ|vừa|chủ trì|đồng chủ trì|cùng chủ trì|dự|tham dự|phát biểu|cho biết|nhấn mạnh|"
    r"đề nghị|yêu cầu|trao|tặng|chỉ đạo|khẳng định|đánh giá|báo cáo|kết luận|chia sẻ|thông tin|"
    r"trình bày|tiếp thu|giải đáp|trả lời|làm|về dự|đến dự|thăm|khai mạc|bế mạc|ghi nhận|biểu dương|"
    r"chúc mừng|lưu ý|quán triệt|đối thoại|gặp mặt|trò chuyện|cùng|và các|và đại diện|và lãnh đạo|"
    r"và đồng chí|và ông|và bà|tại|được|nhận|là|có|với|lắng nghe|động viên|mong muốn|bày tỏ|phụ trách|"
    r"điều hành|dẫn đầu|làm trưởng đoàn)(?![^\W\d_]).*$",
    re.IGNORECASE,
)
# Canonical spelling of organisation words inside titles, applied case-insensitively in order.
_TITLE_CASE: tuple[tuple[str, str], ...] = (
    ("ban tuyên giáo và dân vận", "Ban Tuyên giáo và Dân vận"),
    ("ban dân vận", "Ban Dân vận"),
    ("ban tuyên giáo", "Ban Tuyên giáo"),
    ("ban thường vụ", "Ban Thường vụ"),
    ("ban chấp hành", "Ban Chấp hành"),
    ("ban tổ chức", "Ban Tổ chức"),
    ("ban nội chính", "Ban Nội chính"),
    ("ban kinh tế", "Ban Kinh tế"),
    ("ủy ban kiểm tra", "Ủy ban Kiểm tra"),
    ("ủy ban nhân dân", "Ủy ban nhân dân"),
    ("hội đồng nhân dân", "Hội đồng nhân dân"),
    ("ủy ban mặt trận tổ quốc", "Ủy ban Mặt trận Tổ quốc"),
    ("ủy ban mttq", "Ủy ban MTTQ"),
    ("mặt trận tổ quốc", "Mặt trận Tổ quốc"),
    ("ban bí thư", "Ban Bí thư"),
    ("bộ chính trị", "Bộ Chính trị"),
    ("trung ương đảng", "Trung ương Đảng"),
    ("trung ương", "Trung ương"),
    ("tỉnh ủy", "Tỉnh ủy"),
    ("thành ủy", "Thành ủy"),
    ("huyện ủy", "Huyện ủy"),
    ("thị ủy", "Thị ủy"),
    ("quận ủy", "Quận ủy"),
    ("đảng ủy", "Đảng ủy"),
    ("quốc hội", "Quốc hội"),
    ("hđnd", "HĐND"),
    ("ubnd", "UBND"),
    ("mttq", "MTTQ"),
    ("việt nam", "Việt Nam"),
    ("phó trưởng ban", "Phó Trưởng Ban"),
    ("trưởng ban", "Trưởng Ban"),
    ("phó bí thư", "Phó Bí thư"),
    ("bí thư", "Bí thư"),
    ("phó chủ tịch", "Phó Chủ tịch"),
    ("chủ tịch", "Chủ tịch"),
    ("thường trực", "Thường trực"),
    ("ủy viên", "Ủy viên"),
    ("uỷ viên", "Ủy viên"),
    ("đoàn đại biểu quốc hội", "Đoàn đại biểu Quốc hội"),
)
_TITLE_CASE_RE = [
    (re.compile(r"(?<![^\W\d_])" + re.escape(k) + r"(?![^\W\d_])", re.IGNORECASE), v) for k, v in _TITLE_CASE
]


def canonical_title(raw: str) -> str:
    """'Trưởng ban dân vận Trung ương' → 'Trưởng Ban Dân vận Trung ương'."""
    title = " ".join(raw.strip(" ,;:-–—()").split())
    for pattern, canon in _TITLE_CASE_RE:
        title = pattern.sub(canon, title)
    return title[:1].upper() + title[1:]


# Year themes, movements and slogans of the mass-mobilisation system.
KNOWN_THEMES: tuple[str, ...] = (
    "Dân vận khéo",
    "Năm dân vận chính quyền",
    "Chính quyền thân thiện",
    "Dân vận chính quyền",
    "Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở",
    "Năm dân vận",
    "Ngày vì người nghèo",
    "Vì người nghèo",
    "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
    "Toàn dân đoàn kết xây dựng đời sống văn hóa",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Người Việt Nam ưu tiên dùng hàng Việt Nam",
    "Toàn dân bảo vệ an ninh Tổ quốc",
    "Cả nước chung tay vì người nghèo",
    "Không để ai bị bỏ lại phía sau",
    "Chung sức xây dựng nông thôn mới",
    "Xóa nhà tạm, nhà dột nát",
    "Dân vận khéo trong xây dựng nông thôn mới",
    "Năm dân vận khéo",
    "Năm dân vận chính quyền và dân vận khéo",
    "Xây dựng nông thôn mới",
    "Đô thị văn minh",
    "Chính quyền gần dân",
    "Hướng về cơ sở",
    "Ngày hội Đại đoàn kết toàn dân tộc",
    "Tuổi trẻ tình nguyện",
    "Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc",
    "Nông dân sản xuất, kinh doanh giỏi",
    "Cựu chiến binh gương mẫu",
    "Thi đua yêu nước",
    "Lắng nghe để hành động",
    "Bình dân học vụ số",
    "Dân vận khéo chung tay xây dựng nông thôn mới",
    "Năm tăng cường dân vận chính quyền",
    "Năm nâng cao hiệu quả công tác dân vận chính quyền",
    "Xây dựng khu dân cư kiểu mẫu, vườn mẫu",
    "Gia đình văn hóa",
    "Khu dân cư văn hóa",
    "Thôn, bản văn hóa",
    "Nông dân thi đua sản xuất, kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững",
    "Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc",
    "Cựu chiến binh gương mẫu",
    "Xây dựng gia đình 5 không, 3 sạch",
    "Tuổi trẻ sáng tạo",
    "Thanh niên tình nguyện",
    "Doanh nhân, doanh nghiệp tiêu biểu",
    "Vì an ninh Tổ quốc",
    "Ngày vì người nghèo",
    "Tết vì người nghèo",
    "Vì biển, đảo Việt Nam",
    "Chính quyền thân thiện, vì Nhân dân phục vụ",
    "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Người tốt, việc tốt",
)
# Unquoted mentions accepted only for these distinctive names (case-sensitive first letter).
UNQUOTED_THEMES: tuple[str, ...] = (
    "Dân vận khéo",
    "Năm dân vận chính quyền",
    "Năm Dân vận chính quyền",
    "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
    "Toàn dân đoàn kết xây dựng đời sống văn hóa",
    "Người Việt Nam ưu tiên dùng hàng Việt Nam",
    "Toàn dân bảo vệ an ninh Tổ quốc",
    "Bình dân học vụ số",
)
THEME_CUE = re.compile(
    r"(?:năm|chủ đề|phong trào|thi đua|cuộc vận động|mô hình|hội thi|cuộc thi|điển hình|chương trình|khẩu hiệu|"
    r"trọng tâm là|với tên gọi|giải thưởng|đợt thi đua|hưởng ứng|thông điệp|với chủ đề|phương châm hành động)"
    r"[^.;“”\"]{0,25}$",
    re.IGNORECASE,
)
NON_THEME_CUE = re.compile(
    r"(?:phương châm(?!\s+hành động)|kỷ niệm chương|huy hiệu|bằng khen|tác phẩm|cuốn sách|đề án|dự án|"
    r"tài liệu|bộ sách|luận điểm|quan điểm|"
    r"bài viết|chuyên mục|tiểu phẩm|câu nói|lời dạy)[^.;“”\"]{0,25}$",
    re.IGNORECASE,
)

# Nouns that make a number a reported count; person nouns report the unit "người".
PERSON_UNITS: frozenset[str] = frozenset(
    "đồng chí|người|cá nhân|đảng viên|hội viên|cán bộ|đoàn viên|thành viên|cán bộ, công chức|công chức|"
    "người có uy tín|gương điển hình|gương|học sinh|hộ viên|tình nguyện viên|chiến sĩ|lao động|nghệ nhân|"
    "thanh niên|nông dân|hội viên phụ nữ|phụ nữ|cựu chiến binh|người cao tuổi|sinh viên|giáo viên|"
    "chức sắc|chức việc|tín đồ|người dân tộc thiểu số|hội viên nông dân|người dân".split("|")
)
COUNT_UNITS: tuple[str, ...] = (
    "tỷ đồng",
    "triệu đồng",
    "nghìn đồng",
    "ngàn đồng",
    "tỉ đồng",
    "lượt người",
    "lượt",
    "mô hình",
    "điển hình",
    "tập thể",
    "cá nhân",
    "đồng chí",
    "đảng viên",
    "hội viên",
    "đoàn viên",
    "cán bộ",
    "công chức",
    "thành viên",
    "người có uy tín",
    "người",
    "hộ gia đình",
    "hộ nghèo",
    "hộ cận nghèo",
    "hộ",
    "cuộc đối thoại",
    "cuộc",
    "buổi",
    "hội nghị",
    "lớp",
    "ý kiến",
    "kiến nghị",
    "đơn thư",
    "đơn",
    "vụ việc",
    "vụ",
    "công trình",
    "căn nhà",
    "ngôi nhà",
    "nhà đại đoàn kết",
    "nhà",
    "km",
    "mét",
    "tấn",
    "suất quà",
    "phần quà",
    "suất",
    "xã",
    "phường",
    "thị trấn",
    "thôn",
    "bản",
    "ấp",
    "tổ dân phố",
    "khu dân cư",
    "đơn vị",
    "cơ quan",
    "tổ chức cơ sở đảng",
    "chi bộ",
    "gương điển hình",
    "gương",
    "sáng kiến",
    "câu lạc bộ",
    "tổ tự quản",
    "tổ hòa giải",
    "tin, bài",
    "tin bài",
    "tin",
    "bài viết",
    "bài",
    "phóng sự",
    "ha",
    "héc-ta",
    "hecta",
    "ngày công",
    "bằng khen",
    "giấy khen",
    "kỷ niệm chương",
    "tác phẩm",
    "học sinh",
    "chiến sĩ",
    "hồ sơ",
    "thủ tục",
    "tình nguyện viên",
    "doanh nghiệp",
    "hợp tác xã",
    "trường hợp",
    "tuyến đường",
    "cây cầu",
    "ngày công lao động",
    "phiên",
    "văn bản",
    "dự thảo văn bản",
    "dự thảo",
    "m2",
    "m²",
    "mét vuông",
    "lượt hộ",
    "lượt cán bộ",
    "lượt đảng viên",
    "nhân khẩu",
    "đội",
    "giải Nhất",
    "giải Nhì",
    "giải Ba",
    "giải Khuyến khích",
    "giải nhất",
    "giải nhì",
    "giải ba",
    "giải khuyến khích",
    "giải A",
    "giải B",
    "giải C",
    "giải đặc biệt",
    "tỉnh, thành phố",
    "tỉnh, thành",
    "huyện, thị xã, thành phố",
    "huyện",
    "hội viên nông dân",
    "người dân",
    "lượt người dân",
    "lượt hội viên",
    "ý kiến, kiến nghị",
    "buôn",
    "làng",
    "khóm",
    "mô hình, điển hình",
    "công trình, phần việc",
    "phần việc",
    "ngày công lao động",
    "căn",
    "tuyến",
    "con đường",
    "lượt đoàn viên",
    "lượt thanh niên",
    "thanh niên",
    "nông dân",
    "hội viên phụ nữ",
    "phụ nữ",
    "cựu chiến binh",
    "người cao tuổi",
    "trẻ em",
    "sinh viên",
    "giáo viên",
    "hộ dân",
    "hộ đồng bào",
    "người dân tộc thiểu số",
    "chức sắc",
    "chức việc",
    "tín đồ",
    "cơ sở thờ tự",
    "tôn giáo",
    "tổ chức tôn giáo",
    "lượt hộ",
    "ngôi nhà",
    "giường bệnh",
    "mô hình điểm",
    "tập thể, cá nhân",
    "lượt tập thể, cá nhân",
    "chỉ tiêu",
    "tiêu chí",
)
