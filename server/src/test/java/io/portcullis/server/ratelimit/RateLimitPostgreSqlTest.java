package io.portcullis.server.ratelimit;

import io.portcullis.testing.TestDatabase;

class RateLimitPostgreSqlTest extends RateLimitContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
