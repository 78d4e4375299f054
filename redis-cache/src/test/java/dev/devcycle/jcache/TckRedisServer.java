package dev.devcycle.jcache;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import dev.devcycle.testsupport.RedisServerProcess;

/**
 * The redis-server of the JCache TCK's JVM: the TCK's tests know nothing of Redis, so this launcher listener starts
 * one of the tests' own before the first test and stops it by PID after the last, and points the provider at it
 * through system properties (which the provider reads through MicroProfile Config, as an application's would). Only
 * in the JVM whose {@code jcache.tck.redis} is {@code start} (the pom's jcache-tck execution); elsewhere it does
 * nothing.
 */
public final class TckRedisServer implements TestExecutionListener {

    static final String SWITCH = "jcache.tck.redis";

    private RedisServerProcess server;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (!"start".equals(System.getProperty(SWITCH))) {
            return;
        }
        server = RedisServerProcess.start();
        System.setProperty("redis.host", server.host());
        System.setProperty("redis.port", String.valueOf(server.port()));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
