#!/usr/bin/env bash
# The demo of the Python services' examples/redis_caching_demo.py, in Java: basic operations, agent availability
# caching, a 100 ms database call with and without the cache, the hit ratio — measured against the Redis that
# REDIS_HOST, REDIS_PORT, REDIS_PASSWORD and REDIS_DB name (default 127.0.0.1:6379). Writes only devcycle:demo:* and
# devcycle-demo:* keys and removes its entries at the end. Extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -q -B -Pdemo "$@" test-compile exec:java
