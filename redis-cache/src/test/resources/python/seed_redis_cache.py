"""A reproduction of the seed's Python RedisCache (devcycle/core/cache/redis_cache.py of Walrus94/DevCycle).

Written for these tests from reading the original, not copied: the same Redis commands and the same encoding, so a
test can run it against its own redis-server where the original cannot run (its package imports its whole
application). docs/agents.md records how it was checked byte for byte against the original.

What it reproduces:
- get(key): GET <prefix><key>; None when absent; json.loads of the text, or the text itself when that fails;
  None on any Redis error.
- set(key, value, ttl=None): a str is stored as is, anything else as json.dumps(value) with the defaults
  (", " and ": " separators, ASCII only, NaN/Infinity allowed, no default= hook, so a datetime makes set fail);
  SETEX with a TTL, SET without; the result is False when anything fails.
- delete, exists, get_ttl as the original.
- the prefix: get_cache(prefix) returns one process-wide instance whose prefix is the first caller's.
"""

import json

import redis


class SeedRedisCache:
    """RedisCache of the seed: one key prefix, decode_responses=True."""

    def __init__(self, client, key_prefix="devcycle:cache:"):
        self.redis_client = client
        self.key_prefix = key_prefix

    def _key(self, key):
        return self.key_prefix + key

    def get(self, key):
        try:
            text = self.redis_client.get(self._key(key))
        except Exception:  # the original logs and answers None for every failure
            return None
        if text is None:
            return None
        try:
            return json.loads(text)
        except (json.JSONDecodeError, TypeError):
            return text

    def set(self, key, value, ttl=None):
        try:
            text = value if isinstance(value, str) else json.dumps(value)
            if ttl is None:
                reply = self.redis_client.set(self._key(key), text)
            else:
                reply = self.redis_client.setex(self._key(key), ttl, text)
            return reply is not None and bool(reply)
        except Exception:
            return False

    def delete(self, key):
        try:
            return bool(self.redis_client.delete(self._key(key)))
        except Exception:
            return False

    def exists(self, key):
        try:
            return bool(self.redis_client.exists(self._key(key)))
        except Exception:
            return False

    def get_ttl(self, key):
        try:
            ttl = self.redis_client.ttl(self._key(key))
            return -2 if ttl is None else int(ttl)
        except Exception:
            return -2


_shared = None


def connect(port, host="127.0.0.1"):
    """The client the seed builds from its configuration: decoded responses."""
    return redis.Redis(host=host, port=port, decode_responses=True, socket_timeout=5, socket_connect_timeout=5)


def get_cache(client, key_prefix="devcycle:cache:"):
    """As the original get_cache: the first call's prefix wins for the whole process."""
    global _shared
    if _shared is None:
        _shared = SeedRedisCache(client, key_prefix)
    return _shared


def _reportable(value):
    """Results as JSON for the Java side; a non-finite float (not JSON) as {"float": repr}."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return {"float": repr(value)}
    if isinstance(value, dict):
        return {k: _reportable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_reportable(v) for v in value]
    return value


def main(argv):
    """python3 seed_redis_cache.py --port PORT --prefix PREFIX CALLS: CALLS is a JSON list of [method, args...]
    (Python's json.loads reads NaN and Infinity in it); prints {"results": [...]}."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--prefix", default="devcycle:cache:")
    parser.add_argument("calls")
    options = parser.parse_args(argv)
    cache = SeedRedisCache(connect(options.port), options.prefix)
    results = [getattr(cache, call[0])(*call[1:]) for call in json.loads(options.calls)]
    print(json.dumps({"results": _reportable(results)}, default=str))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
