package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class ServerSecretCheckMariaDbTest extends ServerSecretCheckContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
