"""Gunicorn settings used by `make run` (and read by gunicorn from the working directory).

Every log line, the master's and the workers', error and access, carries its time in Vietnam time with
its offset (danvan.core.logs), so the error log and the access log agree whatever TZ the machine has.
"""

from __future__ import annotations

import os
import time

os.environ["TZ"] = "Asia/Ho_Chi_Minh"  # the master logs before Django's settings would set it
time.tzset()

access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "local": {
            "()": "danvan.core.logs.LocalTimeFormatter",
            "format": "%(asctime)s [%(process)d] %(levelname)s %(message)s",
        },
    },
    "handlers": {
        "error": {"class": "logging.StreamHandler", "formatter": "local", "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "local", "stream": "ext://sys.stdout"},
    },
    "root": {"handlers": ["error"], "level": "WARNING"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
