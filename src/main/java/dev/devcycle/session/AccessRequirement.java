package dev.devcycle.session;

/** What a request needs before it reaches a resource. */
public enum AccessRequirement {
    /** Anonymous callers too. */
    ANYONE,
    /** A valid, unrevoked token of any user. */
    AUTHENTICATED,
    /** A valid, unrevoked token of a member of group {@code admin}. */
    ADMIN
}
