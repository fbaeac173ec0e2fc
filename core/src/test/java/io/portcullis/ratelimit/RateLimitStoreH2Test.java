package io.portcullis.ratelimit;

import io.portcullis.testing.TestDatabase;

class RateLimitStoreH2Test extends RateLimitStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
