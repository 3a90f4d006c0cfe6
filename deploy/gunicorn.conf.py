"""gunicorn settings for Tandem's application servers.

Start one with ``gunicorn -c deploy/gunicorn.conf.py``. Servers are stateless:
sessions live in the database and rate-limit counters in the shared cache
(TANDEM_CACHE=database), so any number of them can sit behind one load balancer.
"""

import multiprocessing
import os

wsgi_app = "tandem.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("WEB_THREADS", "1"))
# A request that runs longer than this is cut; large work belongs to the worker.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
max_requests = 2000
max_requests_jitter = 200
# The access log names the path without its query string and no client address:
# query strings and addresses can be personal data.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms id=%({x-request-id}o)s'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
