"""What the Python services write when they revoke a token, for the Java tests of the shared revocation keys.

A faithful reproduction of TokenBlacklist.blacklist_token in the original services
(devcycle/core/auth/token_blacklist.py): SETEX jwt_blacklist:{sha256 hex of the token text} with a TTL of
int(expires_at - now) seconds and the value str(expires_at.timestamp()); nothing when that TTL is not positive.
expires_at is the token's exp claim as an aware UTC datetime, as the services derive it.

Usage: python3 blacklist_token.py PORT EXP_EPOCH_SECONDS < token   (the token on stdin, never on a command line)
Prints True when an entry was written, False otherwise, then the key and its TTL.
"""
import hashlib
import sys
from datetime import datetime, timezone

import redis


def blacklist_token(client, token, expires_at):
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    ttl = int((expires_at - datetime.now(timezone.utc)).total_seconds())
    if ttl > 0:
        client.setex(f"jwt_blacklist:{token_hash}", ttl, str(expires_at.timestamp()))
        return True, f"jwt_blacklist:{token_hash}", ttl
    return False, f"jwt_blacklist:{token_hash}", ttl


def main():
    port = int(sys.argv[1])
    expires_at = datetime.fromtimestamp(int(sys.argv[2]), tz=timezone.utc)
    token = sys.stdin.read().strip()
    client = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
    written, key, ttl = blacklist_token(client, token, expires_at)
    print(written)
    print(key)
    print(ttl)


if __name__ == "__main__":
    main()
