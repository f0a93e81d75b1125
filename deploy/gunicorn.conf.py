"""Production gunicorn settings for wenming: `gunicorn -c deploy/gunicorn.conf.py wenming.wsgi`.

The vote benchmark (make bench-votes) serves with this file, so its figures are this setup's.
Each value can be overridden from the environment; the defaults suit a 2-core server behind a
reverse proxy.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
# Python runs one thread at a time per process: one worker per core, a few threads each to
# overlap the waits on PostgreSQL and Redis. More threads only added lock hand-offs in the
# benchmark; more workers than cores only added context switches.
workers = int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() or 2))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# Every worker listens on its own SO_REUSEPORT socket and the kernel spreads new connections
# over them. On one shared socket, whichever worker woke first took a whole burst of keep-alive
# connections and kept them: one worker (one core) answered everything while the other idled.
reuse_port = True
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "30"))
backlog = 2048
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
