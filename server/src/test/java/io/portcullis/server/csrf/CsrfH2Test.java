package io.portcullis.server.csrf;

import io.portcullis.testing.TestDatabase;

class CsrfH2Test extends CsrfContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
