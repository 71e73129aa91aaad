"""Dân chủ ở cơ sở: who may perform each action (see `danvan.accounts.rulebook`).

Registering villages and households, disclosing and closing a disclosure are the commune's work:
officers and heads of the commune, or of a unit above it (a province officer helping a commune),
and the national administrator.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.accounts.rulebook import ACT, Rule, Rulebook

RULEBOOK = Rulebook(
    "democracy",
    _("Dân chủ ở cơ sở"),
    [
        Rule("register", _("Đăng ký thôn, hộ gia đình"), roles=ACT),
        Rule("create_disclosure", _("Lập hồ sơ công khai"), roles=ACT),
        Rule("publish", _("Công khai"), roles=ACT),
        Rule("attach", _("Bổ sung tệp minh chứng"), roles=ACT),
        Rule("end", _("Kết thúc công khai"), roles=ACT),
    ],
)
