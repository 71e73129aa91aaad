"""Load test: mixed traffic against the production server (gunicorn, DANVAN_MODE=production) on loopback.

Traffic, from a pool of client threads for a fixed duration:
- public submissions through the citizens' web form (CSRF token, honeypot left empty);
- tracking look-ups by code (the public page and GET /api/v1/track/{code});
- officer lists (the petitions list with filters, and GET /api/v1/petitions with a read token);
- the officer dashboard.
The officer logs in with password AND a TOTP code (production requires two-factor authentication).
Every request must answer as expected (200, or 302 after a submission); anything else is an error.

Data (generated once into bench/data/load/, reused): SQLite database with the territory, a province
officer with a TOTP device, a read token and SEED_PETITIONS petitions.
Figures: load.requests_per_s, load.p50_ms, load.p99_ms, load.errors, load.duration_s (+ counts).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BenchContext, gunicorn, percentile

DURATION_S = float(os.environ.get("DANVAN_LOAD_SECONDS", "40"))
THREADS = int(os.environ.get("DANVAN_LOAD_THREADS", "8"))
WARMUP_S = 10.0
WORKERS = 2
SEED_PETITIONS = 400
OFFICER = "canbo.tinh"
OFFICER_PASSWORD = "Mật-khẩu-tải-thử-2026"  # bench-only account in a throwaway database
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MIX = [("submit", 15), ("track", 35), ("list", 30), ("dashboard", 20)]


def _keys(data: Path) -> dict[str, str]:
    path = data / "bench-keys.json"
    if path.exists():
        keys: dict[str, str] = json.loads(path.read_text())
        return keys
    import secrets

    from cryptography.fernet import Fernet

    keys = {
        "secret": secrets.token_urlsafe(50),
        "field": Fernet.generate_key().decode(),
        "audit": f"bench:{secrets.token_hex(32)}",
    }
    data.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(keys))
    return keys


def _schema_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "src" / "danvan").glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def prepare(ctx: BenchContext) -> dict[str, Any]:
    """Create the data once (idempotent); returns what the clients need."""
    data = ctx.work / "load"
    state_path = data / "bench-state.json"
    schema = _schema_fingerprint(ctx.root)
    if state_path.exists():
        state: dict[str, Any] = json.loads(state_path.read_text())
        if state.get("schema") == schema:
            return {**state, "data": data, "keys": _keys(data)}
        shutil.rmtree(data)  # the migrations changed since the data was made: make it again
    keys = _keys(data)
    os.environ["DANVAN_FIELD_KEYS"] = keys["field"]
    os.environ["DANVAN_AUDIT_KEYS"] = keys.get("audit", "bench:" + "b" * 64)
    os.environ["DANVAN_SECRET_KEY"] = keys["secret"]
    from common import setup_django

    setup_django(data)
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.models import Role, RoleAssignment, User
    from danvan.api import tokens
    from danvan.petitions import services
    from danvan.territory.models import AdminUnit, Level

    call_command("collectstatic", "--noinput", verbosity=0)
    province = AdminUnit.objects.get(code="20")
    communes = list(AdminUnit.objects.filter(parent=province, level=Level.COMMUNE).order_by("code")[:40])
    officer = User.objects.filter(username=OFFICER).first()
    if officer is None:
        officer = User.objects.create_user(
            username=OFFICER, password=OFFICER_PASSWORD, full_name="Cán bộ tỉnh"
        )
        RoleAssignment.objects.create(user=officer, unit=province, role=Role.UNIT_HEAD)
    device = TOTPDevice.objects.filter(user=officer, confirmed=True).first() or TOTPDevice.objects.create(
        user=officer, name="bench", confirmed=True
    )
    _, read_token = tokens.create_token(actor=None, name="bench-load", unit=province, scope="read")
    rng = random.Random(7)
    codes = []
    for i in range(SEED_PETITIONS):
        commune = rng.choice(communes)
        petition = services.submit_petition(
            actor=None,
            channel="web",
            data=_form(i, commune.name, rng),
        )
        codes.append(petition.tracking_code)
    state = {
        "schema": schema,
        "totp_key": device.key,
        "read_token": read_token,
        "codes": codes,
        "communes": [c.name for c in communes],
    }
    state_path.write_text(json.dumps(state, ensure_ascii=False))
    from django.db import connections

    connections.close_all()
    return {**state, "data": data, "keys": keys}


TOPICS = [
    (
        "Đường giao thông liên thôn xuống cấp",
        "Đoạn đường liên thôn bị sụt lún, ổ gà nhiều, xe đi lại rất nguy hiểm.",
    ),
    (
        "Ô nhiễm khói bụi từ xưởng gạch",
        "Xưởng gạch đốt thủ công gây khói bụi, người dân xung quanh bị ảnh hưởng sức khỏe.",
    ),
    (
        "Chậm chi trả trợ cấp người cao tuổi",
        "Nhiều người cao tuổi trong thôn chưa nhận được trợ cấp ba tháng nay.",
    ),
    (
        "Cấp giấy chứng nhận quyền sử dụng đất chậm",
        "Hồ sơ cấp giấy chứng nhận nộp từ lâu nhưng chưa được giải quyết.",
    ),
    (
        "Thiếu nước sinh hoạt mùa khô",
        "Mùa khô các hộ dân ở xóm trên thiếu nước sinh hoạt, đề nghị xây bể chứa.",
    ),
]


def _form(i: int, commune: str, rng: random.Random) -> dict[str, str]:
    title, content = rng.choice(TOPICS)
    return {
        "kind": rng.choice(["feedback", "proposal"]),
        "title": f"{title} ({i})",
        "content": f"{content} Kính đề nghị chính quyền xem xét, giải quyết. Mã thử {i}-{rng.randrange(10**6)}.",
        "address": f"{commune}, tỉnh Lạng Sơn",
        "petitioner_name": f"Người dân số {i}",
        "website": "",
    }


class Client:
    """One keep-alive connection with manual cookies (production cookies are Secure; we are on loopback)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], str, float]:
        all_headers = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        payload = None
        if body is not None:
            payload = urllib.parse.urlencode(body).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=payload, headers=all_headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt:
                    raise
        elapsed = (time.perf_counter() - started) * 1000
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text, elapsed

    def csrf(self, path: str) -> str:
        status, _, text, _ = self.request("GET", path)
        match = CSRF_RE.search(text)
        if status != 200 or not match:
            raise RuntimeError(f"no CSRF token on {path} ({status})")
        return match.group(1)


def officer_session(base: str, totp_key: str) -> dict[str, str]:
    from django_otp.oath import totp

    parsed = urllib.parse.urlparse(base)
    client = Client(parsed.hostname or "127.0.0.1", parsed.port or 80)
    token = client.csrf("/accounts/login/")
    status, headers, _, _ = client.request(
        "POST",
        "/accounts/login/",
        {"username": OFFICER, "password": OFFICER_PASSWORD, "csrfmiddlewaretoken": token},
    )
    if status != 302:
        raise RuntimeError(f"officer login failed ({status})")
    status, headers, _, _ = client.request("GET", "/dashboard/")
    if status != 302 or "/security/2fa/verify/" not in headers.get("location", ""):
        raise RuntimeError(f"two-factor step not enforced in production mode ({status})")
    token = client.csrf("/security/2fa/verify/")
    code = f"{totp(bytes.fromhex(totp_key)):06d}"
    status, _, _, _ = client.request(
        "POST", "/security/2fa/verify/", {"token": code, "csrfmiddlewaretoken": token}
    )
    if status != 302:
        raise RuntimeError(f"TOTP verification failed ({status})")
    status, _, _, _ = client.request("GET", "/dashboard/")
    if status != 200:
        raise RuntimeError(f"dashboard after 2FA answered {status}")
    return dict(client.cookies)


def run_load(
    base: str, state: dict[str, Any], officer_cookies: dict[str, str], duration: float, threads: int
) -> dict[str, Any]:
    parsed = urllib.parse.urlparse(base)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    codes: list[str] = list(state["codes"])
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    counts: dict[str, int] = {name: 0 for name, _ in MIX}
    stop_at = time.perf_counter() + duration

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        public = Client(host, port)
        officer = Client(host, port)
        officer.cookies.update(officer_cookies)
        csrf = public.csrf("/petitions/gui-don/")
        names = [n for n, _ in MIX]
        weights = [w for _, w in MIX]
        i = 0
        while time.perf_counter() < stop_at:
            i += 1
            op = rng.choices(names, weights)[0]
            results: list[tuple[int, float, set[int], str]] = []
            try:
                if op == "submit":
                    form = _form(seed * 100000 + i, rng.choice(state["communes"]), rng)
                    status, headers, _, ms = public.request(
                        "POST", "/petitions/gui-don/", {**form, "csrfmiddlewaretoken": csrf}
                    )
                    results.append((status, ms, {302}, "submit"))
                    match = re.search(r"/bien-nhan/([^/]+)/", headers.get("location", ""))
                    if match:
                        with lock:
                            codes.append(urllib.parse.unquote(match.group(1)))
                elif op == "track":
                    code = rng.choice(codes)
                    if rng.random() < 0.5:
                        status, _, _, ms = public.request(
                            "GET", "/petitions/tra-cuu/?" + urllib.parse.urlencode({"code": code})
                        )
                    else:
                        status, _, _, ms = public.request("GET", f"/api/v1/track/{urllib.parse.quote(code)}")
                    results.append((status, ms, {200}, "track"))
                elif op == "list":
                    if rng.random() < 0.5:
                        query = rng.choice(["", "?state=received", "?kind=feedback", "?q=duong", "?page=2"])
                        status, _, _, ms = officer.request("GET", "/petitions/" + query)
                    else:
                        status, _, _, ms = public.request(
                            "GET",
                            "/api/v1/petitions?limit=50&offset=" + str(rng.randrange(0, 200)),
                            headers={"Authorization": f"Bearer {state['read_token']}"},
                        )
                    results.append((status, ms, {200}, "list"))
                else:
                    status, _, _, ms = officer.request("GET", "/dashboard/")
                    results.append((status, ms, {200}, "dashboard"))
            except Exception as exc:  # noqa: BLE001 - a failed request is counted, the run goes on
                with lock:
                    errors.append(f"{op}: {exc.__class__.__name__}")
                continue
            with lock:
                counts[op] += 1
                for status, ms, ok, name in results:
                    latencies.append(ms)
                    if status not in ok:
                        errors.append(f"{name}: HTTP {status}")

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(n + 1,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "load.requests_per_s": round(len(latencies) / elapsed, 1),
        "load.p50_ms": round(percentile(latencies, 50), 1),
        "load.p99_ms": round(percentile(latencies, 99), 1),
        "load.errors": len(errors),
        "load.duration_s": round(elapsed, 1),
        "load.requests": len(latencies),
        "load.submissions": counts["submit"],
        "load.threads": threads,
        "load.gunicorn_workers": WORKERS,
        "load.petitions_seeded": SEED_PETITIONS,
    } | ({"load.error_samples": sorted(set(errors))[:5]} if errors else {})


def production_env(state: dict[str, Any]) -> dict[str, str]:
    return {
        "DANVAN_MODE": "production",
        "DANVAN_SECRET_KEY": state["keys"]["secret"],
        "DANVAN_FIELD_KEYS": state["keys"]["field"],
        "DANVAN_AUDIT_KEYS": state["keys"].get("audit", "bench:" + "b" * 64),
        "DANVAN_SSL_REDIRECT": "0",
        "DANVAN_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # All traffic comes from one loopback address: lift the per-client limit of the public form.
        "DANVAN_PETITIONS_RATE_LIMIT": "100000000",
    }


def run(ctx: BenchContext) -> dict[str, Any]:
    state = prepare(ctx)
    env = production_env(state)
    # As `make run`: the analysis process beside gunicorn enters the public form's journal in the register.
    watcher = subprocess.Popen(
        [ctx.python, "-m", "danvan", "petitions", "enrich", "--watch"],
        env=ctx.env(state["data"], **env),
        stdout=subprocess.DEVNULL,
    )
    try:
        with gunicorn(ctx, state["data"], workers=WORKERS, extra_env=env) as base:
            _wait_ready(base)
            officer_cookies = officer_session(base, state["totp_key"])
            # Warm-up (not measured): every worker process loads its models and fills its caches.
            run_load(base, state, officer_cookies, WARMUP_S, THREADS)
            return run_load(base, state, officer_cookies, DURATION_S, THREADS)
    finally:
        watcher.terminate()
        watcher.wait(timeout=120)


def _wait_ready(base: str) -> None:
    parsed = urllib.parse.urlparse(base)
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port or 80, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not become ready")


if __name__ == "__main__":
    figures = run(
        BenchContext(root=Path(__file__).resolve().parents[1], work=Path(__file__).resolve().parent / "data")
    )
    print(json.dumps(figures, ensure_ascii=False, indent=2))
