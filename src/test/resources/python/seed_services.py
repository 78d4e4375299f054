"""A reproduction of the Redis reads and writes of two of the Python services (Walrus94/DevCycle):

- RedisAgentAvailabilityService (devcycle/core/services/agent_availability_service_redis.py, as of the commit
  before 771866e, which removed it): the four agent entries under the prefix "devcycle:agent:", each a dict with
  "last_check" (time.time()), judged fresh while time.time() - float(last_check) < 30;
- SessionMonitor (devcycle/core/auth/session_monitor.py): user_sessions:{user} sets and session_info:{id} hashes.

Written for these tests from reading the originals, not copied; the same commands, keys, values and rules, so the
JUnit tests can run it against their own redis-server (the originals import their whole application: configuration,
logging, ORM models). docs/agents.md records how it was checked against the original functions themselves.

Run: python3 seed_services.py --port PORT [--clock-offset SECONDS | --clock EPOCH] agents|sessions JSON
JSON is {"agents": [...stub agents...], "calls": [["method", arg, ...], ...]}; prints
{"results": [...], "repository_calls": n} (datetimes printed as str()).
"""

import argparse
import json
import sys
import time as _time
import uuid
from datetime import datetime, timezone

from seed_redis_cache import connect, get_cache


class Clock:
    """time.time() and datetime.now(timezone.utc) of the originals, optionally shifted or frozen for a test."""

    def __init__(self, offset=0.0, frozen=None):
        self.offset = offset
        self.frozen = frozen

    def time(self):
        return (self.frozen if self.frozen is not None else _time.time()) + self.offset

    def utcnow(self):
        return datetime.fromtimestamp(self.time(), timezone.utc)


CLOCK = Clock()

ONLINE = "online"
MAINTENANCE = "maintenance"


class SeedAgentAvailability:
    """The reads of RedisAgentAvailabilityService; every failure answers the original's default."""

    CACHE_TTL = 30

    def __init__(self, repository, cache):
        self.repository = repository
        self.cache = cache

    def _fresh(self, entry):
        # _is_cache_valid: a missing last_check is 0, so stale; float() raises for what is not a number.
        if not entry:
            return False
        return (CLOCK.time() - float(entry.get("last_check", 0))) < self.CACHE_TTL

    @staticmethod
    def _configuration(agent):
        try:
            return json.loads(agent.configuration) if agent.configuration else {}
        except json.JSONDecodeError:
            return {}

    def _busy(self, agent):
        tasks = getattr(agent, "current_tasks", 0) or 0
        return bool(tasks >= self._configuration(agent).get("max_concurrent_tasks", 1))

    @staticmethod
    def _in_maintenance(agent):
        return bool(getattr(agent, "status", None) == MAINTENANCE)

    def _takes_work(self, agent):
        return agent.status == ONLINE and not self._busy(agent) and not self._in_maintenance(agent)

    def is_agent_available(self, agent_id):
        key = "availability:" + agent_id
        try:
            entry = self.cache.get(key)
            # A non-dict entry (the bare true this service's Java side wrote) fails on .get: the answer is False.
            if entry and self._fresh(entry):
                return bool(entry.get("available", False))
            agent = self.repository.get_by_name(agent_id)
            if not agent:
                return False
            available = self._takes_work(agent)
            self.cache.set(key, {"available": available, "status": agent.status,
                                 "capabilities": agent.capabilities, "last_check": CLOCK.time()}, self.CACHE_TTL)
            return available
        except Exception:
            return False

    def get_agent_capabilities(self, agent_id):
        key = "capabilities:" + agent_id
        try:
            entry = self.cache.get(key)
            if entry and self._fresh(entry):
                found = entry.get("capabilities", [])
                return found if isinstance(found, list) else []
            agent = self.repository.get_by_name(agent_id)
            if not agent:
                return []
            try:
                parsed = json.loads(agent.capabilities) if agent.capabilities else []
            except json.JSONDecodeError:
                parsed = []
            self.cache.set(key, {"capabilities": parsed, "last_check": CLOCK.time()}, self.CACHE_TTL)
            return [str(c) for c in parsed]
        except Exception:
            return []

    def validate_agent_capability(self, agent_id, capability):
        try:
            return capability in self.get_agent_capabilities(agent_id)
        except Exception:
            return False

    def get_available_agents_by_capability(self, capability):
        key = "agents_by_capability:" + capability
        try:
            entry = self.cache.get(key)
            if entry and self._fresh(entry):
                ids = entry.get("agent_ids", [])
                return [str(i) for i in ids] if ids else []
            ids = [str(agent.id) for agent in self.repository.get_agents_by_capability(capability)
                   if self._takes_work(agent)]
            self.cache.set(key, {"agent_ids": ids, "last_check": CLOCK.time()}, self.CACHE_TTL)
            return ids
        except Exception:
            return []

    def get_agent_load(self, agent_id):
        key = "load:" + agent_id
        try:
            entry = self.cache.get(key)
            if entry and self._fresh(entry):
                info = entry.get("load_info", {})
                return {str(k): v for k, v in info.items()} if info else {}
            agent = self.repository.get_by_name(agent_id)
            if not agent:
                return {"error": "Agent not found"}
            most = self._configuration(agent).get("max_concurrent_tasks", 1)
            tasks = getattr(agent, "current_tasks", 0) or 0
            info = {
                "agent_id": agent_id,
                "status": agent.status,
                "current_tasks": tasks,
                "max_concurrent_tasks": most,
                "available_slots": max(0, most - tasks),
                "last_heartbeat": agent.last_heartbeat,
                "response_time_ms": agent.response_time_ms,
            }
            # With a datetime heartbeat json.dumps fails inside set(), which answers False: nothing is cached.
            self.cache.set(key, {"load_info": info, "last_check": CLOCK.time()}, self.CACHE_TTL)
            return {str(k): v for k, v in info.items()}
        except Exception as e:
            return {"error": str(e)}


class SeedSessionMonitor:
    """SessionMonitor: user_sessions:{user} (a set of ids) and session_info:{id} (a hash), with TTLs."""

    def __init__(self, client):
        self.redis_client = client
        self.session_prefix = "user_sessions:"
        self.session_info_prefix = "session_info:"

    def track_session(self, user_id, session_id, expires_at, user_agent=None, ip_address=None):
        user_key = self.session_prefix + user_id
        info_key = self.session_info_prefix + session_id
        try:
            ttl = int((expires_at - CLOCK.utcnow()).total_seconds())
            if ttl <= 0:
                return False
            self.redis_client.sadd(user_key, session_id)
            self.redis_client.expire(user_key, ttl)
            fields = {
                "user_id": user_id,
                "created_at": CLOCK.utcnow().isoformat(),
                "expires_at": expires_at.isoformat(),
                "user_agent": user_agent or "unknown",
                "ip_address": ip_address or "unknown",
            }
            for field, value in fields.items():
                self.redis_client.hset(info_key, field, value)
            self.redis_client.expire(info_key, ttl)
            return True
        except Exception:
            return False

    def get_active_sessions(self, user_id):
        user_key = self.session_prefix + user_id
        try:
            sessions = []
            for session_id in list(self.redis_client.smembers(user_key)):
                info = self.redis_client.hgetall(self.session_info_prefix + session_id)
                if info:
                    info["session_id"] = session_id
                    sessions.append(info)
                else:
                    # The original removes an id whose hash is gone, whoever wrote it.
                    self.redis_client.srem(user_key, session_id)
            return sessions
        except Exception:
            return []

    def remove_session(self, user_id, session_id):
        try:
            from_set = self.redis_client.srem(self.session_prefix + user_id, session_id)
            info = self.redis_client.delete(self.session_info_prefix + session_id)
            return bool(from_set or info)
        except Exception:
            return False

    def remove_all_sessions(self, user_id):
        user_key = self.session_prefix + user_id
        try:
            removed = 0
            for session_id in list(self.redis_client.smembers(user_key)):
                if self.redis_client.delete(self.session_info_prefix + session_id):
                    removed += 1
            self.redis_client.delete(user_key)
            return removed
        except Exception:
            return 0

    def cleanup_expired_sessions(self):
        try:
            expired = 0
            now = CLOCK.utcnow()
            for info_key in self.redis_client.keys(self.session_info_prefix + "*"):
                info = self.redis_client.hgetall(info_key)
                if not info or "expires_at" not in info:
                    continue
                try:
                    if now > datetime.fromisoformat(info["expires_at"]):
                        session_id = info_key.replace(self.session_info_prefix, "")
                        user_id = info.get("user_id")
                        if user_id:
                            self.redis_client.srem(self.session_prefix + user_id, session_id)
                        self.redis_client.delete(info_key)
                        expired += 1
                except (ValueError, TypeError):
                    # A time it cannot read (or a naive one, not comparable): the original deletes the session.
                    self.redis_client.delete(info_key)
                    expired += 1
            return expired
        except Exception:
            return 0

    def get_session_stats(self):
        try:
            user_keys = self.redis_client.keys(self.session_prefix + "*")
            total = sum(self.redis_client.scard(key) for key in user_keys)
            return {"total_active_sessions": total, "total_users_with_sessions": len(user_keys),
                    "redis_connected": True}
        except Exception as e:
            return {"total_active_sessions": 0, "total_users_with_sessions": 0, "redis_connected": False,
                    "error": str(e)}


class StubAgent:
    """An agent row of the Python services' model: capabilities and configuration are JSON text columns."""

    def __init__(self, spec):
        self.name = spec["name"]
        self.id = uuid.UUID(spec["id"]) if spec.get("id") else uuid.uuid5(uuid.NAMESPACE_URL, self.name)
        self.status = spec.get("status", "offline")
        self.capabilities = json.dumps(spec.get("capabilities", []))
        self.configuration = json.dumps(spec.get("configuration", {}))
        self.current_tasks = spec.get("current_tasks", 0)
        heartbeat = spec.get("last_heartbeat")
        self.last_heartbeat = datetime.fromisoformat(heartbeat) if heartbeat else None
        self.response_time_ms = spec.get("response_time_ms")


class StubRepository:
    """AgentRepository's two reads, counted, over stub agents."""

    def __init__(self, agents):
        self.agents = [StubAgent(spec) for spec in agents]
        self.calls = 0

    def get_by_name(self, name):
        self.calls += 1
        return next((a for a in self.agents if a.name == name), None)

    def get_agents_by_capability(self, capability):
        # The original: capabilities.contains(capability), a LIKE on the JSON text.
        self.calls += 1
        return [a for a in self.agents if capability in a.capabilities]


def python_types(value):
    """The Python type of each member of a cached entry, as the Python services' code sees them after json.loads."""
    if isinstance(value, dict):
        return {k: python_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [python_types(v) for v in value]
    return type(value).__name__


def agent_call(service, name, args):
    # Two inspections for the tests; every other name is a method of the reproduced service.
    if name == "entry_types":
        return python_types(service.cache.get(args[0]))
    if name == "fromisoformat":
        return datetime.fromisoformat(args[0]).timestamp()
    return getattr(service, name)(*args)


def session_call(monitor, name, args):
    if name == "track_session":
        user_id, session_id, expires_at = args[0], args[1], datetime.fromisoformat(args[2])
        return monitor.track_session(user_id, session_id, expires_at, *args[3:])
    return getattr(monitor, name)(*args)


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--clock-offset", type=float, default=0.0)
    parser.add_argument("--clock", type=float)
    parser.add_argument("family", choices=["agents", "sessions"])
    parser.add_argument("spec")
    options = parser.parse_args(argv)
    CLOCK.offset = options.clock_offset
    CLOCK.frozen = options.clock
    spec = json.loads(options.spec)
    client = connect(options.port)
    repository = StubRepository(spec.get("agents", []))
    if options.family == "agents":
        service = SeedAgentAvailability(repository, get_cache(client, "devcycle:agent:"))
        results = [agent_call(service, call[0], call[1:]) for call in spec["calls"]]
    else:
        monitor = SeedSessionMonitor(client)
        results = [session_call(monitor, call[0], call[1:]) for call in spec["calls"]]
    print(json.dumps({"results": results, "repository_calls": repository.calls}, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
