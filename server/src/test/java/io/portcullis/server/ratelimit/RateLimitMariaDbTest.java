package io.portcullis.server.ratelimit;

import io.portcullis.testing.TestDatabase;

class RateLimitMariaDbTest extends RateLimitContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
