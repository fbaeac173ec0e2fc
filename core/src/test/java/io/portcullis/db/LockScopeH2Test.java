package io.portcullis.db;

import io.portcullis.testing.TestDatabase;

class LockScopeH2Test extends LockScopeContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
