package dev.devcycle.session.store;

import java.util.List;

import dev.devcycle.redis.RedisScript;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A {@link RedisScript} queued in a pipeline by its digest (EVALSHA), so it shares the pipeline's one round trip. A
 * Redis that does not know the script (after a restart, a failover or SCRIPT FLUSH) answers NOSCRIPT for that command
 * alone; {@link #reply} then runs the script on its own, which sends it once ({@link RedisScript#run}).
 */
public final class PipelinedScript {

    private final RedisScript script;
    private final List<String> keys;
    private final List<String> args;
    private final Response<Object> queued;

    private PipelinedScript(RedisScript script, List<String> keys, List<String> args, Response<Object> queued) {
        this.script = script;
        this.keys = keys;
        this.args = args;
        this.queued = queued;
    }

    /** Queues the script; its reply is read with {@link #reply} after the pipeline's {@code sync()}. */
    public static PipelinedScript queue(AbstractPipeline pipeline, RedisScript script, List<String> keys,
                                        List<String> args) {
        return new PipelinedScript(script, keys, args, pipeline.evalsha(script.sha1(), keys, args));
    }

    /** The script's reply, from the pipeline or, after NOSCRIPT, from running it again on {@code redis}. */
    public Object reply(UnifiedJedis redis) {
        try {
            return queued.get();
        } catch (JedisNoScriptException e) {
            return script.run(redis, keys, args);
        }
    }
}
