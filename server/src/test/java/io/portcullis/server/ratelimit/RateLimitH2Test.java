package io.portcullis.server.ratelimit;

import io.portcullis.testing.TestDatabase;

class RateLimitH2Test extends RateLimitContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
