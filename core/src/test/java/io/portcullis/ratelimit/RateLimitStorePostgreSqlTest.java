package io.portcullis.ratelimit;

import io.portcullis.testing.TestDatabase;

class RateLimitStorePostgreSqlTest extends RateLimitStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
