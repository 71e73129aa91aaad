"""Theo dõi báo chí: the upload form (one or several article files)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.press.services import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES

MAX_FILES_PER_UPLOAD = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        """Every file chosen, as it came: each is then checked on its own (`file_problem`), so one bad
        file is listed with its reason while the good ones go in."""
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not items and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [item for item in items if isinstance(item, UploadedFile)]


def file_problem(upload: UploadedFile) -> str:
    """Why one uploaded file cannot be read as an article ("" when it can be tried)."""
    name = upload.name or gettext("(không tên)")
    if Path(name).suffix.lower() not in ARTICLE_SUFFIXES:
        return gettext("Sai loại tệp: chỉ nhận tệp .txt, .html hoặc .htm.")
    if (upload.size or 0) > MAX_ARTICLE_BYTES:
        return gettext("Tệp %(size)s KB, vượt quá %(limit)s MB cho một bài báo.") % {
            "size": (upload.size or 0) // 1024,
            "limit": MAX_ARTICLE_BYTES // 1024 // 1024,
        }
    if not upload.size:
        return gettext("Tệp rỗng, không có nội dung.")
    return ""


def _upload_help() -> str:
    """The field's help, formatted in the reader's language (a lazy string formatted at import would not be)."""
    return gettext(
        "Chọn một hoặc nhiều tệp (tối đa %(MAX_FILES_PER_UPLOAD)s tệp, mỗi tệp không quá %(value)s MB)."
    ) % {"MAX_FILES_PER_UPLOAD": MAX_FILES_PER_UPLOAD, "value": MAX_ARTICLE_BYTES // 1024 // 1024}


class UploadForm(forms.Form):
    articles = MultipleFileField(
        label=_("Tệp bài báo (.txt, .html, .htm)"),
        help_text=lazy(_upload_help, str)(),
        error_messages={
            "required": _("Hãy chọn ít nhất một tệp bài báo (.txt, .html hoặc .htm)."),
            "empty": _("Tệp đã chọn rỗng, không có nội dung: hãy chọn tệp bài báo có nội dung."),
            "invalid": _("Không đọc được tệp tải lên, hãy chọn lại tệp."),
        },
    )
    source_url = forms.URLField(
        label=_("Địa chỉ bài viết (nếu có)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Dùng khi tải lên một bài; địa chỉ trang giúp nhận ra tỉnh, cơ quan báo chí."),
        error_messages={
            "invalid": _("Địa chỉ trang không hợp lệ, ví dụ: https://baolangson.vn/bai-viet.html")
        },
    )

    def clean_articles(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["articles"]
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise forms.ValidationError(
                _(
                    "Đã chọn %(count)s tệp: mỗi lần tải lên tối đa %(MAX_FILES_PER_UPLOAD)s tệp, hãy chia thành nhiều lần (hoặc dùng lệnh `danvan press ingest` cho cả thư mục)."
                )
                % {"count": len(files), "MAX_FILES_PER_UPLOAD": MAX_FILES_PER_UPLOAD}
            )
        return files
