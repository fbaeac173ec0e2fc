package io.portcullis.ratelimit;

import io.portcullis.testing.TestDatabase;

class RateLimitStoreMariaDbTest extends RateLimitStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
