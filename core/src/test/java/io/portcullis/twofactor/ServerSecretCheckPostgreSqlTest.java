package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class ServerSecretCheckPostgreSqlTest extends ServerSecretCheckContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
