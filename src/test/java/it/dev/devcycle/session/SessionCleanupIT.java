package it.dev.devcycle.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import it.dev.devcycle.ItEnvironment;
import redis.clients.jedis.Jedis;

/** The periodic clean-up (every 2 s on the ITs' server) prunes dangling ids nobody reads. */
class SessionCleanupIT {

    @Test
    void danglingIdsArePrunedWithoutAnyRead() {
        String setKey = "user_sessions:it-cleanup-" + UUID.randomUUID();
        String dangling = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef";
        try (Jedis redis = ItEnvironment.redis()) {
            redis.sadd(setKey, dangling);
            redis.expire(setKey, 600);
        }

        assertTrue(ItEnvironment.eventually(Duration.ofSeconds(20), () -> {
            try (Jedis redis = ItEnvironment.redis()) {
                return !redis.exists(setKey);
            }
        }), "the clean-up task removes the dangling id (and so the emptied set)");
    }
}
