package io.portcullis.db;

import io.portcullis.testing.TestDatabase;

class CleanupH2Test extends CleanupContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
