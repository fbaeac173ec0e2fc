package io.portcullis.server.forwardauth;

import io.portcullis.testing.TestDatabase;

class ForwardAuthH2Test extends ForwardAuthContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
