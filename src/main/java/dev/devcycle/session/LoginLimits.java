package dev.devcycle.session;

import java.time.Duration;

/**
 * How many failed logins are tolerated before the login answers 429, counted in Redis so every instance shares them
 * (see {@link LoginThrottle}).
 *
 * @param perUser    failures of one user name within the window ({@code AUTH_LOGIN_MAX_FAILURES_PER_USER}, default
 *                   5; 0: no limit)
 * @param perClient  failures from one client address (an IPv6 /64) within the window
 *                   ({@code AUTH_LOGIN_MAX_FAILURES_PER_CLIENT}, default 20; 0: no limit)
 * @param window     how long a count lives after its first failure ({@code AUTH_LOGIN_FAILURE_WINDOW}, seconds,
 *                   default 300)
 * @param failureMinimum every failed login is answered no sooner than this after it arrived, so the time of the
 *                   answer tells nothing about whether the user exists ({@code AUTH_LOGIN_FAILURE_MIN_MILLIS}, default
 *                   250; must exceed the registry's slowest check)
 */
public record LoginLimits(int perUser, int perClient, Duration window, Duration failureMinimum) {
}
