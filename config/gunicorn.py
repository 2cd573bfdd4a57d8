"""gunicorn settings for production: `gunicorn config.wsgi --config config/gunicorn.py` (bin/web).

Every value comes from the environment; the README's "Deploying" section lists them.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def default_workers(cores: int) -> int:
    """gunicorn's advice, 2 x cores + 1, capped: each worker holds a database connection and memory."""
    return min(2 * cores + 1, 12)


# Listen on $HOST:$PORT; a platform that routes to the container gives PORT.
bind = [f"{os.environ.get('HOST', '0.0.0.0')}:{_int('PORT', 8000)}"]  # noqa: S104 - inside a container or behind a proxy
workers = _int("WEB_CONCURRENCY", default_workers(multiprocessing.cpu_count()))
worker_class = "sync"
# A request still running after this many seconds is killed and its worker restarted.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Longer than a load balancer's idle timeout would be wasted; shorter drops kept-alive connections.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Workers are replaced now and then, so a slow leak never grows for long; the jitter staggers them.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The proxies whose X-Forwarded-Proto/-For gunicorn believes; comma-separated addresses or "*".
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr, where the platform collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# The worker heartbeat on a memory file system: a container's disk can stall a healthy worker.
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn's documented choice for containers
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# gunicorn's control socket (gunicornc) defaults to one path per user, shared by every gunicorn
# that user runs; off unless GUNICORN_CONTROL_SOCKET names a path for this one.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
